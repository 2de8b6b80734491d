import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { CheckoutFlow, type CheckoutState } from './checkout-flow.ts';
import { DEFAULTS, type AddressCollection, type EmailCollection } from './inputs.ts';
import { MountSlots } from './mount-slots.ts';
import { styles } from './styles.ts';
import { createView } from './view.ts';

/**
 * Where this module was loaded from. A CMS page on another origin includes the script from the
 * checkout server, so that origin is where the API lives. The ESM build knows its URL from
 * import.meta.url; a one-file IIFE build has no import.meta (bundlers replace it with `{}`), but
 * as a classic script it is document.currentScript while it evaluates, i.e. right here.
 */
const MODULE_ORIGIN = (() => {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  const url = import.meta.url || (script instanceof HTMLScriptElement ? script.src : '');
  try {
    return new URL(url).origin;
  } catch {
    return location.origin;
  }
})();

/**
 * A Stripe Link checkout from one tag: a one-time payment, a saved payment method (setup) or a
 * subscription, priced by the server from a catalog item, a signed amount or an open amount.
 * Email (Link), address and payment in one Elements group, with a Pay button. Every option is a
 * flat attribute with a matching property.
 *
 * @summary Drop-in Stripe Link checkout.
 *
 * @fires link-checkout-ready - The Stripe Elements are mounted and ready. `detail`: none.
 * @fires link-checkout-change - A field changed. `detail`: `{complete, empty, mode, amount, currency}`.
 * @fires link-checkout-email - The email was typed or filled by a Link sign-in. `detail`: `{email}`.
 * @fires link-checkout-address - The address changed. `detail`: `{complete, value}`.
 * @fires link-checkout-submit - Pay was pressed; cancelable (`preventDefault()` stops the attempt). `detail`: `{mode, amount, currency}`.
 * @fires link-checkout-success - Paid, authorized, saved or subscribed. `detail`: `{orderId, mode, status, paymentIntentId?, setupIntentId?, subscriptionId?, customerId?}`.
 * @fires link-checkout-error - Loading or an attempt failed. `detail`: `{type, code, message}`.
 *
 * @attr {'loading' | 'ready' | 'processing' | 'succeeded' | 'failed' | 'error'} state - Reflected, read-only: where the checkout is. `failed`: an attempt failed and Pay works again; `error`: it could not load (e.g. an unknown item or a bad signature).
 *
 * @slot link-authentication - Filled by the element itself with the Link Authentication mount point.
 * @slot address - Filled by the element itself with the Address Element mount point.
 * @slot payment - Filled by the element itself with the Payment Element mount point.
 * @slot checkout - Filled by the element itself with the embedded Checkout mount point (`ui="embedded"`).
 *
 * @csspart header - Row with the item name and the badge.
 * @csspart item-name - The quoted item's name.
 * @csspart badge - The "Sandbox" badge, shown only when the server runs on the offline sandbox.
 * @csspart amount - The open-amount field (`amount-editable`): its label and input.
 * @csspart amount-input - The open-amount input itself.
 * @csspart loading - The loading indicator.
 * @csspart fields - Wrapper around the Stripe Elements.
 * @csspart pay-button - The Pay button (with `ui="hosted"`: to Stripe's page; hidden once embedded Checkout shows its own).
 * @csspart message - The live region with status and error messages.
 *
 * @cssprop [--link-checkout-accent=#635bff] - Pay button and Stripe primary colour.
 * @cssprop [--link-checkout-accent-text=#fff] - Pay button text colour.
 * @cssprop [--link-checkout-text=#1a1f36] - Text colour, also passed to Stripe. With `theme="night"` the default is `#e3e8ee`.
 * @cssprop [--link-checkout-background=transparent] - Background, also passed to Stripe.
 * @cssprop [--link-checkout-danger=#df1b41] - Error colour, also passed to Stripe.
 * @cssprop [--link-checkout-font=system-ui, sans-serif] - Font family, also passed to Stripe.
 * @cssprop [--link-checkout-radius=6px] - Corner radius, also passed to Stripe.
 * @cssprop [--link-checkout-gap=0.75rem] - Space between parts.
 * @cssprop [--link-checkout-max-width=32rem] - Maximum width.
 * @cssprop [--link-checkout-badge-background=#fff4d6] - Sandbox badge background.
 * @cssprop [--link-checkout-badge-text=#6a4b00] - Sandbox badge text.
 */
export class LinkCheckout extends ReactiveElement {
  static override styles = styles;
  /** Inside a `<form>`, the element is a field: `name`, `required`, `disabled`, reset. */
  static formAssociated = true;

  /*
   * Reactive properties are declared statically, not with decorators, and initialised in the
   * constructor: that works whatever the consumer's TypeScript/esbuild decorator and class-field
   * settings are (a decorated field compiled with define semantics would shadow Lit's accessor).
   */
  static override properties = {
    server: {},
    item: { reflect: true },
    mode: {},
    amount: { type: Number },
    currency: {},
    signature: {},
    label: {},
    interval: {},
    amountEditable: { type: Boolean, attribute: 'amount-editable' },
    capture: {},
    save: {},
    ui: {},
    order: {},
    customer: {},
    customerSignature: { attribute: 'customer-signature' },
    customerSessionClientSecret: { attribute: 'customer-session-client-secret' },
    customerEmail: { attribute: 'customer-email' },
    customerName: { attribute: 'customer-name' },
    customerPhone: { attribute: 'customer-phone' },
    addressLine1: { attribute: 'address-line1' },
    addressLine2: { attribute: 'address-line2' },
    addressCity: { attribute: 'address-city' },
    addressState: { attribute: 'address-state' },
    addressPostalCode: { attribute: 'address-postal-code' },
    addressCountry: { attribute: 'address-country' },
    emailCollection: { attribute: 'email-collection' },
    address: {},
    allowedCountries: { attribute: 'allowed-countries' },
    collectPhone: { type: Boolean, attribute: 'collect-phone' },
    theme: { reflect: true },
    layout: {},
    locale: {},
    name: { reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
  };

  /**
   * Base URL of the checkout server. Defaults to the origin this script was loaded from.
   * @default the script's origin
   */
  declare server: string;
  /**
   * Catalog item to buy: a one-time price, or a recurring one (then the mode is `subscription`).
   * @default ''
   */
  declare item: string;
  /**
   * `payment` (default), `setup` (save a payment method, charge nothing) or `subscription`. A mode that contradicts the item is an error.
   * @default ''
   */
  declare mode: string;
  /** Minor units (2500 is 25.00): a signed price (with `currency` and `signature`), or the starting value of an open amount. */
  declare amount: number | undefined;
  /**
   * Currency of a signed or open amount, or of a setup. A catalog item brings its own.
   * @default ''
   */
  declare currency: string;
  /**
   * The merchant's signature of a fixed price (`npx link-checkout sign`). Without it, an amount is refused.
   * @default ''
   */
  declare signature: string;
  /**
   * Display name of a signed or open amount (signed along with it).
   * @default ''
   */
  declare label: string;
  /**
   * `day`, `week`, `month` or `year`: the interval of a signed subscription.
   * @default ''
   */
  declare interval: string;
  /**
   * The shopper chooses the amount, within the range the server allows for the currency.
   * @default false
   */
  declare amountEditable: boolean;
  /**
   * `manual`: authorize now and capture later from the admin side.
   * @default ''
   */
  declare capture: string;
  /**
   * `off_session` or `on_session`: save the payment method on a Customer while paying.
   * @default ''
   */
  declare save: string;
  /**
   * `elements` (default: Stripe Elements in the page), `embedded` (Stripe's embedded Checkout in the page) or `hosted` (a button to Stripe's Checkout page). The last two run a Checkout Session and come back to this page.
   * @default 'elements'
   */
  declare ui: string;
  /**
   * An order to complete (`ord_…`), e.g. an off-session charge the bank wants the customer to authenticate, or a Checkout Session the shop sent; its page is `/pay/:orderId`.
   * @default ''
   */
  declare order: string;
  /**
   * A returning customer's Customer id (`cus_…`), with `customer-signature`: the Payment Element lists their saved payment methods and the payment is theirs.
   * @default ''
   */
  declare customer: string;
  /**
   * The shop's signature of `customer` (`npx link-checkout sign --customer cus_…`). Without a valid one nothing is shown or created.
   * @default ''
   */
  declare customerSignature: string;
  /**
   * A CustomerSession client secret the site's own backend made for a returning customer: the Payment Element lists their saved payment methods.
   * @default ''
   */
  declare customerSessionClientSecret: string;
  /**
   * Prefill: the email (Link looks it up at once).
   * @default ''
   */
  declare customerEmail: string;
  /**
   * Prefill: the name.
   * @default ''
   */
  declare customerName: string;
  /**
   * Prefill: the phone number.
   * @default ''
   */
  declare customerPhone: string;
  /**
   * Prefill: address line 1.
   * @default ''
   */
  declare addressLine1: string;
  /**
   * Prefill: address line 2.
   * @default ''
   */
  declare addressLine2: string;
  /**
   * Prefill: city.
   * @default ''
   */
  declare addressCity: string;
  /**
   * Prefill: state or region.
   * @default ''
   */
  declare addressState: string;
  /**
   * Prefill: postal code.
   * @default ''
   */
  declare addressPostalCode: string;
  /**
   * Prefill: two-letter country code.
   * @default ''
   */
  declare addressCountry: string;
  /**
   * `link` (default: the Link Authentication Element), `payment` (the Payment Element asks) or `none` (`customer-email` is used as given).
   * @default 'link'
   */
  declare emailCollection: EmailCollection;
  /**
   * `shipping` (default), `billing` or `none`.
   * @default 'shipping'
   */
  declare address: AddressCollection;
  /**
   * Comma list of two-letter countries the address may be in, e.g. `US,CA`.
   * @default ''
   */
  declare allowedCountries: string;
  /**
   * Show the phone field in the address, and require it.
   * @default false
   */
  declare collectPhone: boolean;
  /**
   * Stripe Appearance theme: `stripe` (default), `night` or `flat`. `--link-checkout-*` properties win over it.
   * @default 'stripe'
   */
  declare theme: string;
  /**
   * Payment Element layout: `tabs` (default) or `accordion`.
   * @default 'tabs'
   */
  declare layout: string;
  /**
   * Language of the Stripe Elements, e.g. `fr`; default `auto`.
   * @default ''
   */
  declare locale: string;
  /**
   * Form field name; the value is the order id once the checkout succeeded.
   * @default ''
   */
  declare name: string;
  /**
   * In a form: invalid until the checkout succeeded.
   * @default false
   */
  declare required: boolean;
  /**
   * Nothing can be paid while set, as on native inputs (also set by a disabled fieldset).
   * @default false
   */
  declare disabled: boolean;

  readonly #internals: ElementInternals;
  readonly #flow: CheckoutFlow;

  constructor() {
    super();
    Object.assign(this, DEFAULTS, { server: MODULE_ORIGIN, name: '', required: false, disabled: false });
    this.#internals = this.attachInternals();
    this.#flow = new CheckoutFlow(this, new MountSlots(this));
  }

  /**
   * `loading | ready | processing | succeeded | failed | error`, reflected to the `state`
   * attribute for CSS and tests. `failed`: an attempt failed, Pay works again.
   * `error`: loading failed (e.g. an unknown item or a bad signature); nothing can be paid.
   */
  get state(): CheckoutState {
    return this.#flow.state;
  }

  /** The order id once the checkout succeeded, else empty: the form value. */
  get value(): string {
    return this.#flow.orderId ?? '';
  }

  /** The form the element belongs to, as on native inputs. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /** Presses Pay from script. Ignored unless the state is `ready` or `failed`. */
  pay(): Promise<void> {
    return this.isDisabled ? Promise.resolve() : this.#flow.pay();
  }

  /** Form validation: false while `required` and not yet paid. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Like checkValidity(), and shows the browser's message on the Pay button. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Called for the attribute and for a disabled fieldset; it may come mid-update, so re-render after. */
  formDisabledCallback(): void {
    void this.updateComplete.then(() => this.requestUpdate());
  }

  formResetCallback(): void {
    this.#flow.restart();
  }

  /** Disabled by its attribute or by a disabled fieldset, as a native input is. */
  get isDisabled(): boolean {
    return this.disabled || this.matches(':disabled');
  }

  #paint: (() => void) | undefined;

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    (this.#paint ??= createView(this.renderRoot as ShadowRoot, this, this.#flow))();
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.setAttribute('state', this.#flow.state);
    const value = this.#flow.orderId;
    this.#internals.setFormValue(value);
    const button = this.renderRoot.querySelector<HTMLElement>('[part="pay-button"]') ?? undefined;
    if (this.required && !value) this.#internals.setValidity({ valueMissing: true }, this.#flow.say('completeFirst'), button);
    else this.#internals.setValidity({});
    this.#flow.setReadOnly(this.isDisabled);
    // Everything but the form-field attributes is an input of the checkout.
    if ([...changed.keys()].some((key) => !['name', 'required', 'disabled'].includes(key as string))) this.#flow.inputsChanged();
  }
}
