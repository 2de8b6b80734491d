import { LitElement, html, nothing } from 'lit';
import { CheckoutFlow, type CheckoutState } from './checkout-flow.ts';
import type { Quote } from '../protocol/index.ts';
import { formatAmount } from './format.ts';
import { MountSlots } from './mount-slots.ts';
import { styles } from './styles.ts';

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
 * A Stripe Link checkout for one catalog item: email (Link), shipping address and payment, with
 * a Pay button. The server decides the price; the element only shows it.
 *
 * @summary Drop-in Stripe Link checkout.
 *
 * @fires link-checkout-ready - All three Stripe Elements are mounted and ready. `detail`: none.
 * @fires link-checkout-success - The payment went through. `detail`: `{orderId, paymentIntentId}`.
 * @fires link-checkout-error - Loading or a payment attempt failed. `detail`: `{type, code, message}`.
 *
 * @slot link-authentication - Filled by the element itself with the Link Authentication mount point.
 * @slot address - Filled by the element itself with the Address Element mount point.
 * @slot payment - Filled by the element itself with the Payment Element mount point.
 *
 * @csspart header - Row with the item name and the badge.
 * @csspart item-name - The quoted item's name.
 * @csspart badge - The "Sandbox" badge, shown only when the server runs on the offline sandbox.
 * @csspart loading - The loading indicator.
 * @csspart fields - Wrapper around the three Stripe Elements.
 * @csspart pay-button - The Pay button.
 * @csspart message - The live region with status and error messages.
 *
 * @cssprop --link-checkout-accent - Pay button and Stripe primary colour. Default `#635bff`.
 * @cssprop --link-checkout-accent-text - Pay button text colour. Default `#fff`.
 * @cssprop --link-checkout-text - Text colour, also passed to Stripe. Default `#1a1f36`.
 * @cssprop --link-checkout-background - Background, also passed to Stripe. Default `transparent`.
 * @cssprop --link-checkout-danger - Error colour, also passed to Stripe. Default `#df1b41`.
 * @cssprop --link-checkout-font - Font family, also passed to Stripe. Default `system-ui, sans-serif`.
 * @cssprop --link-checkout-radius - Corner radius, also passed to Stripe. Default `6px`.
 * @cssprop --link-checkout-gap - Space between parts. Default `0.75rem`.
 * @cssprop --link-checkout-max-width - Maximum width. Default `32rem`.
 * @cssprop --link-checkout-badge-background - Sandbox badge background. Default `#fff4d6`.
 * @cssprop --link-checkout-badge-text - Sandbox badge text. Default `#6a4b00`.
 */
export class LinkCheckout extends LitElement {
  static override styles = styles;

  /*
   * Reactive properties are declared statically, not with decorators, and initialised in the
   * constructor: that works whatever the consumer's TypeScript/esbuild decorator and class-field
   * settings are (a decorated field compiled with define semantics would shadow Lit's accessor).
   */
  static override properties = {
    item: { reflect: true },
    currency: {},
    email: {},
    name: {},
    phone: {},
    server: {},
  };

  /** Catalog item (sku) to buy; the server's quote gives its price. Changing it reloads. */
  declare item: string;
  /**
   * Expected currency, for display only. The server's quote always decides what is charged and
   * shown; a mismatch is reported in the console.
   */
  declare currency: string;
  /** Prefill for the Link Authentication Element and the billing details. */
  declare email: string;
  /** Prefill for the shipping address and billing name. */
  declare name: string;
  /** Prefill for the shipping address and billing phone. */
  declare phone: string;
  /** Base URL of the checkout server. Defaults to the origin this script was loaded from. */
  declare server: string;

  private readonly mounts: MountSlots;
  private readonly flow: CheckoutFlow;

  constructor() {
    super();
    this.item = '';
    this.currency = '';
    this.email = '';
    this.name = '';
    this.phone = '';
    this.server = MODULE_ORIGIN;
    this.mounts = new MountSlots(this);
    this.flow = new CheckoutFlow(this, this.mounts);
  }

  /**
   * `loading | ready | processing | succeeded | failed | error`, reflected to the `state`
   * attribute for CSS and tests. `failed`: a payment attempt failed, Pay works again.
   * `error`: loading failed (e.g. unknown item); nothing can be paid.
   */
  get state(): CheckoutState {
    return this.flow.state;
  }

  /** Presses Pay from script. Ignored unless the state is `ready` or `failed`. */
  pay(): Promise<void> {
    return this.flow.pay();
  }

  private warnedQuote: Quote | undefined;

  protected override updated(): void {
    this.setAttribute('state', this.flow.state);
    const quote = this.flow.quote;
    const mismatch = quote && this.currency && this.currency.toLowerCase() !== quote.currency.toLowerCase();
    if (mismatch && this.warnedQuote !== quote) {
      this.warnedQuote = quote;
      console.warn(`<link-checkout>: currency="${this.currency}" ignored; the server quotes ${quote.currency}.`);
    }
  }

  protected override render() {
    const { state, message, quote, config } = this.flow;
    const busy = state === 'loading' || state === 'processing';
    return html`
      <div part="header">
        <span part="item-name">${quote?.name ?? nothing}</span>
        ${config?.sandbox ? html`<span part="badge" title="Test mode: no real money moves">Sandbox</span>` : nothing}
      </div>
      ${state === 'loading'
        ? html`<div part="loading" role="status"><span class="spinner" aria-hidden="true"></span>Loading checkout…</div>`
        : nothing}
      <div part="fields" aria-busy=${busy ? 'true' : 'false'}>
        <slot name="link-authentication"></slot>
        <slot name="address"></slot>
        <slot name="payment"></slot>
      </div>
      ${state === 'error'
        ? nothing
        : html`<button
            part="pay-button"
            type="button"
            ?disabled=${!this.flow.canPay}
            aria-busy=${state === 'processing' ? 'true' : 'false'}
            @click=${this.pay}
          >
            ${this.payLabel()}
          </button>`}
      <div part="message" aria-live="polite" aria-atomic="true">
        ${message?.kind === 'error'
          ? html`<p class="error" role="alert">${message.text}</p>`
          : message
            ? html`<p>${message.text}</p>`
            : nothing}
      </div>
    `;
  }

  private payLabel(): string {
    const { state, quote } = this.flow;
    if (state === 'processing') return 'Processing…';
    if (state === 'succeeded') return 'Paid';
    return quote ? `Pay ${formatAmount(quote.amount, quote.currency)}` : 'Pay';
  }
}
