/**
 * What most checkouts never need, loaded on demand (one chunk, only when the page asks for it):
 * Stripe Checkout instead of Elements (`ui="hosted"` / `ui="embedded"`, seed 003) and the Checkout
 * Session an order page completes; the page a redirect-based method returns to; a returning
 * customer's CustomerSession. Its file name starts with `link-checkout` so its chunk is served with
 * the element. It imports types only, and gets the element's helpers in a `Kit`: a module shared
 * with the element would be split into a third file.
 */
import type { PaymentIntent, SetupIntent, Stripe, StripeEmbeddedCheckout } from '@stripe/stripe-js';
import type {
  CheckoutOutcome,
  CheckoutSessionLookup,
  CheckoutSessionRequest,
  CheckoutSessionResponse,
  CheckoutUi,
  ErrorDetail,
  PaymentLookup,
  Quote,
  QuoteRequest,
  SuccessDetail,
} from '../protocol/index.ts';
import type { ApiClient } from './api-client.ts';
import type { Element, Kind } from './checkout-elements.ts';
import type { addressOptions, CheckoutInputs } from './inputs.ts';
import type * as Messages from './messages.ts';
import type { MountSlots } from './mount-slots.ts';
import type * as Outcome from './outcome.ts';

/** The element's own helpers, handed in rather than imported (see above). */
export interface Kit {
  api: ApiClient;
  outcomeOf: typeof Outcome.outcomeOf;
  stripeErrorDetail: typeof Messages.stripeErrorDetail;
}

type SessionUi = 'embedded' | 'hosted';

/** Where the browser goes; tests, which must not leave the page, replace it. */
export const navigation = { assign: (url: string) => location.assign(url) };
/** How long a return waits for its order to settle (the webhook): `tries` reads, `delayMs` apart. */
export const returnPolling = { tries: 12, delayMs: 1500 };

const DONE: Record<string, CheckoutOutcome> = { paid: 'paid', authorized: 'authorized', saved: 'saved', active: 'active' };

export class SessionCheckout {
  #embedded: StripeEmbeddedCheckout | undefined;
  /** What is on the page, so a change of look alone does not make a new session. */
  #shown: { ui: SessionUi; quote: Quote } | undefined;
  /** Bumped by every mount and destroy, so a session that arrives late is destroyed, not shown. */
  #generation = 0;
  readonly #mounts: MountSlots;
  readonly #stripe: Stripe;
  readonly #api: ApiClient;
  /** The request for a new session: the element's claims, with a new attempt id each time. */
  readonly #sessionRequest: (ui: SessionUi, quote: Quote) => CheckoutSessionRequest;

  constructor(mounts: MountSlots, stripe: Stripe, api: ApiClient, sessionRequest: (ui: SessionUi, quote: Quote) => CheckoutSessionRequest) {
    this.#mounts = mounts;
    this.#stripe = stripe;
    this.#api = api;
    this.#sessionRequest = sessionRequest;
  }

  get mounted(): boolean {
    return this.#embedded !== undefined;
  }

  /** Whether `show` would change what is on the page. */
  differs(ui: SessionUi, quote: Quote): boolean {
    return this.#shown?.ui !== ui || this.#shown.quote !== quote;
  }

  /** After loading: embedded Checkout mounts at once, unless the shopper chooses the amount first. */
  async show(ui: SessionUi, quote: Quote): Promise<void> {
    this.#unmount();
    this.#shown = { ui, quote };
    if (ui === 'embedded' && !quote.range) await this.#mount(quote);
  }

  /** A press of the button: hosted goes to Stripe's page; embedded mounts with the chosen amount. */
  async press(ui: SessionUi, quote: Quote): Promise<void> {
    if (ui === 'embedded') return this.#mount(quote);
    const given = quote.checkoutSession;
    navigation.assign(given?.ui === 'hosted' ? given.url : (await createSession(this.#api, this.#sessionRequest('hosted', quote))).url!);
  }

  destroy(): void {
    this.#unmount();
    this.#shown = undefined;
  }

  #unmount(): void {
    this.#generation++;
    this.#embedded?.destroy();
    this.#embedded = undefined;
    this.#mounts.release();
  }

  /** Embedded Checkout (Stripe.js's current createEmbeddedCheckoutPage) in the light-DOM `checkout` slot. */
  async #mount(quote: Quote): Promise<void> {
    this.#unmount();
    const generation = this.#generation;
    const given = quote.checkoutSession;
    const clientSecret = given?.ui === 'embedded' ? given.clientSecret : (await createSession(this.#api, this.#sessionRequest('embedded', quote))).clientSecret!;
    // One embedded Checkout at a time. On completion Stripe sends the customer to the return URL
    // with session_id (redirect_on_completion 'always'), which the element handles as for hosted.
    const checkout = await this.#stripe.createEmbeddedCheckoutPage({ clientSecret });
    if (generation !== this.#generation) return checkout.destroy();
    this.#embedded = checkout;
    checkout.mount(this.#mounts.target('checkout'));
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
  const read = () => api.get<CheckoutSessionLookup>(`api/checkout-sessions/${encodeURIComponent(sessionId)}`);
  let lookup = await read().catch(() => null);
  if (!lookup || !claims(inputs, lookup)) return null;
  for (let tries = 1; lookup.status === 'pending' && tries < returnPolling.tries; tries++) {
    onWait();
    await new Promise((resolve) => setTimeout(resolve, returnPolling.delayMs));
    lookup = await read().catch(() => lookup!);
  }
  const status = DONE[lookup.status] ?? (lookup.status === 'pending' ? 'processing' : undefined);
  if (!status) return 'failed';
  const { orderId, mode, customerId, subscriptionId, paymentIntentId, setupIntentId, name, amount, currency } = lookup;
  const quote: Quote = { rule: 'order', name: name ?? '', amount, currency, mode, elements: { mode, currency, excludedPaymentMethodTypes: [] } };
  return { detail: { orderId, mode, status, customerId, subscriptionId, paymentIntentId, setupIntentId }, quote };
}

/** One press of Pay with Stripe Checkout: the server makes the order and the session. */
const createSession = (api: ApiClient, request: CheckoutSessionRequest) => api.post<CheckoutSessionResponse>('api/checkout-sessions', request);

/**
 * After a redirect-based payment method (a bank page, a wallet app), Stripe sends the customer
 * back to the ConfirmationToken's return_url with `payment_intent…` (a payment, or a subscription's
 * first payment) or `setup_intent…` (a setup). The element must show that outcome there instead of
 * a fresh form, or the customer might pay again.
 * See https://docs.stripe.com/payments/payment-intents/verifying-status.md
 */
const KINDS = ['payment_intent', 'setup_intent'] as const;

export interface ReturnedIntent {
  intentId: string;
  clientSecret: string;
}

export function returnedIntent(href: string = location.href): ReturnedIntent | null {
  const query = new URL(href).searchParams;
  for (const kind of KINDS) {
    const intentId = query.get(kind);
    const clientSecret = query.get(`${kind}_client_secret`);
    // The secret starts with the intent's id; anything else is not Stripe's redirect.
    if (intentId && clientSecret?.startsWith(`${intentId}_secret_`)) return { intentId, clientSecret };
  }
  return null;
}

/** The Checkout Session this page is the return (success) page of, if any. */
export function returnedSessionId(href: string = location.href): string | null {
  const sessionId = new URL(href).searchParams.get('session_id');
  return sessionId && /^cs_\w+$/.test(sessionId) ? sessionId : null;
}

/** Drops the parameters, so a reload or a shared link does not replay the outcome. */
export function forgetReturn(): void {
  const url = new URL(location.href);
  for (const kind of KINDS) for (const name of [kind, `${kind}_client_secret`]) url.searchParams.delete(name);
  for (const name of ['redirect_status', 'session_id']) url.searchParams.delete(name);
  history.replaceState(history.state, '', url);
}

/**
 * When this page is the return_url of a redirect-based payment this checkout made, its outcome:
 * done means no form at all (paying again would charge twice); failed shows why, above the form
 * (Stripe's error as Stripe gave it: the element words it for the shopper).
 */
export async function returnedOutcome(kit: Kit, stripe: Stripe, quote: Quote): Promise<SuccessDetail | ErrorDetail | null> {
  const { api, outcomeOf, stripeErrorDetail } = kit;
  const returned = returnedIntent();
  if (!returned) return null;
  // Several checkouts may share a page: only the one that sold this purchase claims it.
  const order = await api.get<PaymentLookup>(`api/payments/${encodeURIComponent(returned.intentId)}`).catch(() => null);
  if (!order || (order.item ?? '') !== (quote.item ?? '') || order.mode !== quote.mode) return null;
  forgetReturn();
  const setup = returned.intentId.startsWith('seti_');
  const result = setup ? await stripe.retrieveSetupIntent(returned.clientSecret) : await stripe.retrievePaymentIntent(returned.clientSecret);
  const intent = 'setupIntent' in result ? result.setupIntent : 'paymentIntent' in result ? result.paymentIntent : undefined;
  const outcome = intent && outcomeOf(order.mode, intent.status);
  if (outcome) {
    const ids = setup ? { setupIntentId: returned.intentId } : { paymentIntentId: returned.intentId };
    return { orderId: order.orderId, mode: order.mode, status: outcome, ...ids, subscriptionId: order.subscriptionId, customerId: order.customerId };
  }
  if (result.error) return stripeErrorDetail(result.error);
  const lastError = (intent as PaymentIntent | undefined)?.last_payment_error ?? (intent as SetupIntent | undefined)?.last_setup_error;
  return { type: 'card_error', code: lastError?.code ?? 'payment_not_completed', message: lastError?.message ?? '' };
}

/**
 * What shows a returning customer's saved payment methods in the Payment Element (seed 002
 * § CustomerSession): the client secret the site's backend made, or one the server makes for the
 * customer the shop signed. Made once per signed reference; a failed one is asked for again.
 * Checkout Sessions need none: the server gives Checkout the Customer itself.
 */
export class CustomerSessions {
  #cached: { key: string; secret: Promise<string> } | undefined;

  secretFor(api: ApiClient, inputs: CheckoutInputs, ui: CheckoutUi): Promise<string | undefined> {
    const { customerSessionClientSecret, customer, customerSignature } = inputs;
    if (customerSessionClientSecret) return Promise.resolve(customerSessionClientSecret);
    if (!customer || ui !== 'elements') return Promise.resolve(undefined);
    const key = `${customer}|${customerSignature}`;
    if (this.#cached?.key !== key) {
      const secret = api.post<{ clientSecret: string }>('api/customer-sessions', { customer, customerSignature }).then(({ clientSecret }) => clientSecret);
      secret.catch(() => this.#cached?.secret === secret && (this.#cached = undefined));
      this.#cached = { key, secret };
    }
    return this.#cached.secret;
  }
}

/** What prefillAgain needs of the Elements group. */
export interface PrefillTarget {
  mounted: Map<Kind, Element>;
  create(kind: Kind, options: object): void;
}

/**
 * New prefill after load. The Payment Element takes new defaultValues; the Link Authentication
 * and Address Elements cannot change theirs, so they are re-created in their slot, with what the
 * shopper typed kept where the site did not change the field.
 */
export async function prefillAgain(
  group: PrefillTarget,
  inputs: CheckoutInputs,
  before: CheckoutInputs,
  options: ReturnType<typeof addressOptions>,
  paymentDefaults: object,
): Promise<void> {
  group.mounted.get('payment')?.update?.({ defaultValues: paymentDefaults });
  const link = group.mounted.get('linkAuthentication');
  if (link && inputs.customerEmail !== before.customerEmail) {
    link.destroy();
    group.create('linkAuthentication', { defaultValues: { email: inputs.customerEmail } });
  }
  const address = group.mounted.get('address');
  if (!address || !options) return;
  const typed = (await address.getValue?.())?.value ?? {};
  const keep = (key: keyof CheckoutInputs, current: unknown) => (inputs[key] !== before[key] || !current ? undefined : current);
  const defaults = options.defaultValues as { name?: string; phone?: string; address?: Record<string, unknown> };
  defaults.name = (keep('customerName', typed.name) as string) ?? defaults.name;
  defaults.phone = (keep('customerPhone', typed.phone) as string) ?? defaults.phone;
  const fields = { line1: 'addressLine1', line2: 'addressLine2', city: 'addressCity', state: 'addressState', postal_code: 'addressPostalCode', country: 'addressCountry' } as const;
  const merged: Record<string, unknown> = { ...defaults.address };
  for (const [field, key] of Object.entries(fields)) merged[field] = keep(key, typed.address?.[field]) ?? merged[field];
  if (merged.country) defaults.address = merged;
  address.destroy();
  group.create('address', options);
}

/** A Checkout Session request: the element's claims, the amount chosen, and where to come back to. */
export function sessionRequestOf(inputs: CheckoutInputs, quoteRequest: QuoteRequest, ui: 'embedded' | 'hosted', amount: number | undefined, attemptId: string): CheckoutSessionRequest {
  const email = inputs.customerEmail;
  return { ...quoteRequest, ...(amount === undefined ? {} : { amount }), ui, attemptId, returnUrl: location.href, ...(email ? { email } : {}) };
}
