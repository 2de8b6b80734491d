// The Address Element, shipping or billing mode: name, address lines, city, state, ZIP,
// country (a <select>, limited by allowedCountries) and, when asked for, phone.
import type { StripeAddressElementChangeEvent, StripeAddressElementOptions } from '@stripe/stripe-js';
import { SandboxElement } from './element-base.ts';
import type { LinkAccount } from './link-account.ts';
import { ADDRESS_UPDATABLE } from './update-options.ts';
import { validateAddress, type FieldError } from './validation.ts';

// A short default list; Stripe offers every country it supports. Pass allowedCountries to narrow.
const DEFAULT_COUNTRIES = ['US', 'CA', 'GB', 'IE', 'FR', 'DE', 'NL', 'ES', 'IT', 'AU', 'NZ', 'JP'];

export type AddressValue = StripeAddressElementChangeEvent['value'];

export class AddressElement extends SandboxElement<StripeAddressElementOptions> {
  readonly elementType = 'address' as const;
  protected readonly updatable = ADDRESS_UPDATABLE;
  /** The address as last filled from a saved source (Link); edits make it a new address again. */
  private savedValue: string | null = null;

  get mode(): 'shipping' | 'billing' {
    return this.options.mode;
  }

  protected render(root: HTMLElement): void {
    const d = this.options.defaultValues ?? {};
    const a = d.address;
    const section = this.mode; // autocomplete section keeps shipping and billing apart
    this.field(root, 'name', 'Full name', { autocomplete: `${section} name`, value: d.name ?? '' });
    this.field(root, 'line1', 'Address line 1', { autocomplete: `${section} address-line1`, value: a?.line1 ?? '' });
    this.field(root, 'line2', 'Address line 2', { autocomplete: `${section} address-line2`, value: a?.line2 ?? '', optional: true });
    this.field(root, 'city', 'City', { autocomplete: `${section} address-level2`, value: a?.city ?? '' });
    this.field(root, 'state', 'State', { autocomplete: `${section} address-level1`, value: a?.state ?? '' });
    this.field(root, 'postal_code', 'ZIP', { autocomplete: `${section} postal-code`, value: a?.postal_code ?? '' });
    const countries = this.options.allowedCountries?.length
      ? this.options.allowedCountries.map((c) => c.toUpperCase())
      : DEFAULT_COUNTRIES;
    const wanted = a?.country?.toUpperCase() ?? '';
    const select = this.selectField(root, 'country', 'Country', countries, countries.includes(wanted) ? wanted : countries[0]!);
    select.autocomplete = `${section} country` as AutoFill;
    if (this.showsPhone()) {
      this.field(root, 'phone', 'Phone', { type: 'tel', autocomplete: `${section} tel`, value: d.phone ?? '', optional: !this.phoneRequired() });
    }
  }

  private showsPhone(): boolean {
    return this.options.fields?.phone === 'always' || this.phoneRequired();
  }

  private phoneRequired(): boolean {
    return this.options.validation?.phone?.required === 'always';
  }

  get addressValue(): AddressValue {
    const value: AddressValue = {
      name: this.value('name'),
      address: {
        line1: this.value('line1'),
        line2: this.value('line2') || null,
        city: this.value('city'),
        state: this.value('state'),
        postal_code: this.value('postal_code'),
        country: this.value('country'),
      },
    };
    if (this.fields.has('phone')) value.phone = this.value('phone');
    return value;
  }

  changeEvent(): StripeAddressElementChangeEvent {
    const value = this.addressValue;
    // The country select always has a value, so it does not count towards "not empty".
    const empty = !value.name && !value.phone && !Object.entries(value.address).some(([k, v]) => k !== 'country' && v);
    return {
      elementType: 'address',
      elementMode: this.mode,
      empty,
      complete: this.validate().length === 0,
      // False while the address is one Link filled in; `contacts` (saved addresses) are not modeled.
      isNewAddress: this.savedValue !== JSON.stringify(value),
      value,
    };
  }

  /** Fills name, address and phone from a signed-in Link account (shipping mode only). */
  fillFromLink(account: LinkAccount): void {
    const shipping = account.shipping;
    if (this.mode !== 'shipping' || !shipping || !this.mounted) return;
    const a = shipping.address;
    const values = { name: shipping.name, line1: a.line1, line2: a.line2 ?? '', city: a.city, state: a.state ?? '', postal_code: a.postal_code, country: a.country, phone: account.phone };
    const country = this.fields.get('country') as HTMLSelectElement | undefined;
    if (country && ![...country.options].some((o) => o.value === a.country)) return; // outside allowedCountries
    for (const [name, value] of Object.entries(values)) {
      const f = this.fields.get(name);
      if (f && value != null) {
        f.value = value;
        this.setFieldError(name, f, null);
      }
    }
    this.invalid = [...this.fields.values()].some((f) => f.getAttribute('aria-invalid') === 'true');
    this.savedValue = JSON.stringify(this.addressValue);
    this.changed();
  }

  validate(): FieldError[] {
    const v = this.addressValue;
    return validateAddress({ name: v.name, ...v.address, phone: v.phone }, this.phoneRequired());
  }

  /** Stripe's addressElement.getValue(): the same fields as a change event. */
  async getValue(): Promise<Pick<StripeAddressElementChangeEvent, 'complete' | 'isNewAddress' | 'value'>> {
    const { complete, isNewAddress, value } = this.changeEvent();
    return { complete, isNewAddress, value };
  }
}
