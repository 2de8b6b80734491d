/**
 * Stripe Checkout instead of Elements (`ui="hosted"` / `ui="embedded"`, seed 003), and the
 * Checkout Session an order page completes. Imported on demand, so pages with Elements only do not
 * load it. Its file name starts with `link-checkout` so its chunk is served with the element, and it
 * imports types only: a module shared with the element would be split into a third file.
 */
import type { Stripe, StripeEmbeddedCheckout } from '@stripe/stripe-js';
import type { CheckoutOutcome, CheckoutSessionLookup, CheckoutSessionRequest, Quote, SuccessDetail } from '../protocol/index.ts';
import type { ApiClient } from './api-client.ts';
import type { CheckoutInputs } from './inputs.ts';
import type { MountSlots } from './mount-slots.ts';

type SessionUi = 'embedded' | 'hosted';

/** Where the browser goes; tests, which must not leave the page, replace it. */
export const navigation = { assign: (url: string) => location.assign(url) };
/** How long a return waits for its order to settle (the webhook): `tries` reads, `delayMs` apart. */
export const returnPolling = { tries: 12, delayMs: 1500 };

const DONE: Record<string, CheckoutOutcome> = { paid: 'paid', authorized: 'authorized', saved: 'saved', active: 'active' };

export class SessionCheckout {
  private embedded: StripeEmbeddedCheckout | undefined;
  /** What is on the page, so a change of look alone does not make a new session. */
  private shown: { ui: SessionUi; quote: Quote } | undefined;
  /** Bumped by every mount and destroy, so a session that arrives late is destroyed, not shown. */
  private generation = 0;

  constructor(
    private readonly mounts: MountSlots,
    private readonly stripe: Stripe,
    private readonly api: ApiClient,
    /** The request for a new session: the element's claims, with a new attempt id each time. */
    private readonly sessionRequest: (ui: SessionUi, quote: Quote) => CheckoutSessionRequest,
  ) {}

  get mounted(): boolean {
    return this.embedded !== undefined;
  }

  /** Whether `show` would change what is on the page. */
  differs(ui: SessionUi, quote: Quote): boolean {
    return this.shown?.ui !== ui || this.shown.quote !== quote;
  }

  /** After loading: embedded Checkout mounts at once, unless the shopper chooses the amount first. */
  async show(ui: SessionUi, quote: Quote): Promise<void> {
    this.unmount();
    this.shown = { ui, quote };
    if (ui === 'embedded' && !quote.range) await this.mount(quote);
  }

  /** A press of the button: hosted goes to Stripe's page; embedded mounts with the chosen amount. */
  async press(ui: SessionUi, quote: Quote): Promise<void> {
    if (ui === 'embedded') return this.mount(quote);
    const given = quote.checkoutSession;
    navigation.assign(given?.ui === 'hosted' ? given.url : (await this.api.createCheckoutSession(this.sessionRequest('hosted', quote))).url!);
  }

  destroy(): void {
    this.unmount();
    this.shown = undefined;
  }

  private unmount(): void {
    this.generation++;
    this.embedded?.destroy();
    this.embedded = undefined;
    this.mounts.release();
  }

  /** Embedded Checkout (Stripe.js's current createEmbeddedCheckoutPage) in the light-DOM `checkout` slot. */
  private async mount(quote: Quote): Promise<void> {
    this.unmount();
    const generation = this.generation;
    const given = quote.checkoutSession;
    const clientSecret = given?.ui === 'embedded' ? given.clientSecret : (await this.api.createCheckoutSession(this.sessionRequest('embedded', quote))).clientSecret!;
    // One embedded Checkout at a time. On completion Stripe sends the customer to the return URL
    // with session_id (redirect_on_completion 'always'), which the element handles as for hosted.
    const checkout = await this.stripe.createEmbeddedCheckoutPage({ clientSecret });
    if (generation !== this.generation) return checkout.destroy();
    this.embedded = checkout;
    checkout.mount(this.mounts.target('checkout'));
  }
}

/** A returned session: done (or still confirming), with what was bought for the thanks; or not completed. */
export type ReturnedSession = { detail: SuccessDetail; quote: Quote } | 'failed';

/** Several checkouts may share a page: an order page claims its order; others, the same purchase. */
function claims({ order, item, mode }: CheckoutInputs, lookup: CheckoutSessionLookup): boolean {
  return order ? lookup.orderId === order : (lookup.item ?? '') === item && (!mode || mode === lookup.mode);
}

/**
 * The outcome of the Checkout Session whose return page this is; null when the session belongs to
 * another checkout on the page. Its order settles when the webhook lands, so a pending order is
 * asked again for a while, then shown as still confirming.
 */
export async function returnedSession(api: ApiClient, sessionId: string, inputs: CheckoutInputs, onWait: () => void): Promise<ReturnedSession | null> {
  let lookup = await api.getCheckoutSession(sessionId).catch(() => null);
  if (!lookup || !claims(inputs, lookup)) return null;
  for (let tries = 1; lookup.status === 'pending' && tries < returnPolling.tries; tries++) {
    onWait();
    await new Promise((resolve) => setTimeout(resolve, returnPolling.delayMs));
    lookup = await api.getCheckoutSession(sessionId).catch(() => lookup!);
  }
  const status = DONE[lookup.status] ?? (lookup.status === 'pending' ? 'processing' : undefined);
  if (!status) return 'failed';
  const { orderId, mode, customerId, subscriptionId, paymentIntentId, setupIntentId, name, amount, currency } = lookup;
  const quote: Quote = { rule: 'order', name: name ?? '', amount, currency, mode, elements: { mode, currency, excludedPaymentMethodTypes: [] } };
  return { detail: { orderId, mode, status, customerId, subscriptionId, paymentIntentId, setupIntentId }, quote };
}
