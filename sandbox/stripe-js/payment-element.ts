// The Payment Element, card only: "Card number", "Expiration date" (MM / YY), "Security code",
// laid out as tabs or accordion (payment-layout.ts). Saved cards (a Link account's after login,
// a Customer's through customerSessionClientSecret) are offered as radio options above it, the
// first one selected, with "Use another card" to go back to the card fields.
// Without a Link Authentication Element in the group it asks for the email itself (inside the
// card form), as Link in the Payment Element does (seed 000, "Collect an email address directly
// in the Payment Element"), unless fields.billingDetails.email is 'never'.
// defaultValues.billingDetails is kept for the ConfirmationToken's billing_details.
import type { StripePaymentElementChangeEvent, StripePaymentElementOptions } from '@stripe/stripe-js';
import { SandboxElement } from './element-base.ts';
import { IntegrationError } from './errors.ts';
import { type LinkAccount, linkOption } from './link-account.ts';
import { type LinkOptIn, linkOptIn } from './link-opt-in.ts';
import { layoutOf, methodPanel } from './payment-layout.ts';
import { cardLabel, changeEventPaymentMethod, fetchCustomerSessionCards, type SavedCard, type SavedOption } from './saved-methods.ts';
import { PAYMENT_LAYOUT_FIXED, PAYMENT_UPDATABLE } from './update-options.ts';
import { parseExpiry, validateCardNumber, validateCvc, validateEmail, validateExpiry, validatePhone, type FieldError } from './validation.ts';

export interface CardData {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

const NEW_CARD = 'new';

export class PaymentElement extends SandboxElement<StripePaymentElementOptions> {
  readonly elementType = 'payment' as const;
  protected readonly updatable = PAYMENT_UPDATABLE;
  private saved: SavedOption[] = [];
  private selected = NEW_CARD;
  private collapsedNow: boolean | null = null;
  private sessionSecretLoaded: string | undefined;
  private linkOptInChecked = false;
  private optIn: LinkOptIn | null = null;

  protected render(root: HTMLElement): void {
    const layout = layoutOf(this.options.layout);
    this.collapsedNow ??= layout.defaultCollapsed;
    if (this.saved.length) this.renderSaved(root);
    const card = document.createElement('div');
    card.className = 'SandboxNewCard';
    card.hidden = this.selectedSaved() !== null;
    root.append(card);
    const panel = methodPanel(card, String(this.uid), layout, this.collapsedNow, () => this.setCollapsed(false));
    if (this.collectsEmail()) {
      const email = this.field(panel, 'email', 'Email', { type: 'email', autocomplete: 'email', value: this.billingDetails?.email ?? '' });
      // Link looks the email up once the shopper leaves the field (or at once for a prefilled one).
      email.addEventListener('input', () => this.host.linkEmailChanged());
      email.addEventListener('change', () => this.lookUpEmail(this.email));
      this.lookUpEmail(email.value);
    }
    this.field(panel, 'number', 'Card number', { autocomplete: 'cc-number', inputMode: 'numeric', placeholder: '1234 1234 1234 1234' });
    this.field(panel, 'expiry', 'Expiration date', { autocomplete: 'cc-exp', inputMode: 'numeric', placeholder: 'MM / YY' });
    this.field(panel, 'cvc', 'Security code', { autocomplete: 'cc-csc', inputMode: 'numeric', placeholder: 'CVC' });
    this.optIn = linkOptIn(panel, this.uid, {
      checked: this.linkOptInChecked,
      onToggle: (checked) => {
        this.linkOptInChecked = checked;
        this.changed();
      },
      phoneField: (into) => this.field(into, 'link_phone', 'Phone number', { type: 'tel', autocomplete: 'tel', value: this.billingDetails?.phone ?? '' }),
    });
    this.linkOfferChanged();
    void this.loadCustomerCards();
  }

  /** The Link sign-up is offered for an email Link answered "no account" to, when paying with a new card. */
  private linkOffered(): boolean {
    const email = this.host.linkEmail();
    return !this.selectedSaved() && validateEmail(email) === null && this.host.knownLinkAccount(email) === false;
  }

  /** Called by the group when the Link email or a lookup answer changes. */
  linkOfferChanged(): void {
    this.optIn?.show(this.linkOffered(), this.host.linkEmail());
  }

  private lookUpEmail(email: string): void {
    if (validateEmail(email) === null) void this.host.lookupLink(email);
  }

  /** The shopper ticked "save my info" (and it is on offer): the email and phone to sign up with. */
  linkSignup(): { email: string; phone: string } | null {
    if (!this.linkOptInChecked || !this.linkOffered()) return null;
    return { email: this.host.linkEmail().trim(), phone: this.value('link_phone') };
  }

  get billingDetails(): NonNullable<StripePaymentElementOptions['defaultValues']>['billingDetails'] {
    return this.options.defaultValues?.billingDetails;
  }

  /** fields.billingDetails.email (or all of billingDetails) set to 'never': the page passes the email itself. */
  get emailNever(): boolean {
    const fields = this.options.fields?.billingDetails;
    return fields === 'never' || (typeof fields === 'object' && fields.email === 'never');
  }

  /** Whether this Element shows its own Email field (the group has no Link Authentication Element to ask). */
  collectsEmail(): boolean {
    return !this.emailNever && !this.host.hasElement('linkAuthentication');
  }

  /** The email typed into this Element's own field ('' when it has none). */
  get email(): string {
    return this.fields.has('email') ? this.value('email') : '';
  }

  /** Called by the group when a Link Authentication Element joins or leaves it: the Email field follows. */
  emailSourceChanged(): void {
    this.rerender();
  }

  /** The saved PaymentMethod the customer chose, or null when paying with a new card. */
  selectedSaved(): SavedCard | null {
    return this.saved.find((o) => o.pm.id === this.selected)?.pm ?? null;
  }

  /** stripe's paymentElement.collapse(): no method selected until the customer opens one. */
  collapse(): this {
    this.setCollapsed(true);
    return this;
  }

  /** After Link login: the account's `link` method (shown as its funding card) comes first and is selected. */
  useLinkAccount(account: LinkAccount): void {
    const pm = linkOption(account.payment_method, account.funding);
    this.saved = [{ pm, source: 'link' }, ...this.saved.filter((o) => o.source !== 'link')];
    this.select(pm.id);
  }

  /** After a change of email: the Link card is no longer offered; a selected one falls back to a new card. */
  dropLinkAccount(): void {
    if (!this.saved.some((o) => o.source === 'link')) return;
    const wasSelected = this.saved.some((o) => o.source === 'link' && o.pm.id === this.selected);
    this.saved = this.saved.filter((o) => o.source !== 'link');
    if (wasSelected) this.select(this.saved[0]?.pm.id ?? NEW_CARD);
    else this.rerender();
  }

  /** The card as the emulator expects it; call only after validate() returned no errors. */
  cardData(): CardData {
    const expiry = parseExpiry(this.value('expiry')) ?? { month: 0, year: 0 };
    return {
      number: this.value('number').replace(/[\s-]/g, ''),
      exp_month: expiry.month,
      exp_year: expiry.year,
      cvc: this.value('cvc'),
    };
  }

  changeEvent(): StripePaymentElementChangeEvent {
    const pm = this.selectedSaved();
    if (pm) {
      // Stripe.js reports the selected method's type: 'link' when paying with Link.
      return { elementType: 'payment', empty: false, complete: true, collapsed: false, value: { type: pm.type ?? 'card', payment_method: changeEventPaymentMethod(pm) } };
    }
    return {
      elementType: 'payment',
      empty: ['email', 'number', 'expiry', 'cvc'].every((f) => this.value(f) === ''),
      complete: !this.collapsedNow && this.validate().length === 0,
      collapsed: this.collapsedNow === true,
      value: { type: 'card' },
    };
  }

  validate(): FieldError[] {
    if (this.selectedSaved()) return [];
    return [
      this.fields.has('email') ? validateEmail(this.value('email')) : null,
      validateCardNumber(this.value('number')),
      validateExpiry(this.value('expiry')),
      validateCvc(this.value('cvc')),
      this.linkSignup() ? validatePhone(this.value('link_phone'), 'link_phone') : null,
    ].filter((e): e is FieldError => e !== null);
  }

  /** Called by elements.update(): a new customerSessionClientSecret means another saved list. */
  groupUpdated(): void {
    void this.loadCustomerCards();
  }

  /** update({defaultValues}): an Email field still showing the old default takes the new one; a typed email stays. */
  update(options: Partial<StripePaymentElementOptions>): this {
    const email = this.fields.get('email');
    const showsDefault = email !== undefined && email.value === (this.billingDetails?.email ?? '');
    this.checkUpdate(options); // a refused update must leave the field as it was
    if (showsDefault && options.defaultValues) email.value = '';
    return super.update(options);
  }

  protected checkUpdate(options: Partial<StripePaymentElementOptions>): void {
    super.checkUpdate(options);
    const layout = options.layout;
    if (layout && typeof layout === 'object') {
      const fixed = PAYMENT_LAYOUT_FIXED.filter((k) => k in layout);
      if (fixed.length) throw new IntegrationError(`payment Element.update(): layout.${fixed[0]} cannot be changed after creation.`);
    }
  }

  private renderSaved(root: HTMLElement): void {
    const group = document.createElement('fieldset');
    group.className = 'SandboxSaved';
    const legend = document.createElement('legend');
    legend.textContent = 'Saved payment methods';
    group.append(legend);
    const name = `sbx-saved-${this.uid}`;
    const options = [...this.saved.map((o) => ({ value: o.pm.id, text: cardLabel(o.pm), note: o.source === 'link' ? 'Saved in Link' : '' })), { value: NEW_CARD, text: 'Use another card', note: '' }];
    for (const [i, o] of options.entries()) {
      const row = document.createElement('div');
      const label = document.createElement('label');
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = name;
      radio.value = o.value;
      radio.checked = this.selected === o.value;
      radio.addEventListener('change', () => radio.checked && this.select(o.value));
      label.append(radio, document.createTextNode(o.text));
      row.append(label);
      if (o.note) {
        const note = document.createElement('small');
        note.id = `${name}-note-${i}`;
        note.className = 'SandboxSaved-note';
        note.textContent = o.note;
        radio.setAttribute('aria-describedby', note.id);
        row.append(' ', note);
      }
      group.append(row);
    }
    root.append(group);
  }

  private select(value: string): void {
    this.selected = value;
    if (value !== NEW_CARD) this.collapsedNow = false;
    this.rerender();
    this.changed();
  }

  private setCollapsed(collapsed: boolean): void {
    if (this.collapsedNow === collapsed) return;
    this.collapsedNow = collapsed;
    if (collapsed) this.selected = NEW_CARD;
    this.rerender();
    this.changed();
  }

  private async loadCustomerCards(): Promise<void> {
    const secret = this.host.options.customerSessionClientSecret;
    if (!secret || secret === this.sessionSecretLoaded) return;
    this.sessionSecretLoaded = secret;
    const cards = await fetchCustomerSessionCards(this.host.api, secret);
    if (this.host.options.customerSessionClientSecret !== secret) return;
    const link = this.saved.filter((o) => o.source === 'link');
    this.saved = [...link, ...cards.filter((pm) => !link.some((o) => o.pm.id === pm.id)).map((pm) => ({ pm, source: 'customer' as const }))];
    const untouched = this.selected === NEW_CARD && ['number', 'expiry', 'cvc'].every((f) => this.value(f) === '');
    if (untouched && this.saved[0]) this.select(this.saved[0].pm.id);
    else this.rerender();
  }
}
