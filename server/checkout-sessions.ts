import type Stripe from 'stripe';
import type { CheckoutMode, Quote } from '../protocol/index.ts';
import type { AppDeps } from './deps.ts';
import { fromStripeError } from './errors.ts';
import type { Order } from './store/types.ts';

export interface SessionRequest {
  mode: CheckoutMode;
  ui: 'hosted' | 'embedded';
  /** One per customer action; a retry makes the same order and the same session. */
  attemptId: string;
  /** What is sold (payment and subscription); a setup sells nothing. */
  quote?: Quote;
  /** Setup: the currency of the methods to set up. */
  currency?: string;
  customer?: string;
  email?: string;
  /** Where Stripe sends the customer back (`session_id` is added), given the order. */
  returnUrl(order: Order): string;
}

function returnUrlWithSession(returnUrl: string): string {
  // Stripe fills {CHECKOUT_SESSION_ID} in; it must stay unescaped.
  const url = new URL(returnUrl);
  url.searchParams.delete('session_id');
  return `${url.href}${url.search ? '&' : '?'}session_id={CHECKOUT_SESSION_ID}`;
}

/**
 * A Checkout Session (seed 003) and the order it will complete, hosted (a URL) or embedded (a
 * client secret). The order id rides in the session's and its intent's metadata, so
 * `checkout.session.completed` and the intent's own events find the order.
 */
export async function createSessionOrder({ stripe, store }: Pick<AppDeps, 'stripe' | 'store'>, request: SessionRequest): Promise<{ order: Order; session: Stripe.Checkout.Session }> {
  const { quote } = request;
  const { order } = await store.createOrder({
    attemptId: request.attemptId,
    mode: request.mode,
    priceRule: 'checkout_session',
    item: quote?.item ?? null,
    name: quote?.name ?? 'Save a payment method',
    amount: request.mode === 'setup' ? 0 : quote!.amount,
    currency: quote?.currency ?? request.currency ?? 'usd',
    interval: quote?.interval ?? null,
    email: request.email ?? null,
    captureMethod: 'automatic',
    customerId: request.customer ?? null,
  });
  const metadata = { order_id: order.id, ...(quote?.item ? { item: quote.item } : {}) };
  const returnUrl = request.returnUrl(order);
  const back = returnUrlWithSession(returnUrl);
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: request.mode,
    ui_mode: request.ui === 'hosted' ? 'hosted_page' : 'embedded_page',
    ...(request.ui === 'hosted' ? { success_url: back, cancel_url: returnUrl } : { return_url: back }),
    ...(request.customer ? { customer: request.customer } : request.email ? { customer_email: request.email } : {}),
    metadata,
  } as Stripe.Checkout.SessionCreateParams;
  if (request.mode === 'setup') {
    // Without a Customer, Checkout makes none in setup mode, and the method would be saved to nobody.
    Object.assign(params, { currency: order.currency, setup_intent_data: { metadata }, ...(request.customer ? {} : { customer_creation: 'always' }) });
  } else {
    const recurring = quote!.interval ? { recurring: { interval: quote!.interval } } : {};
    params.line_items = [{ quantity: 1, price_data: { currency: quote!.currency, unit_amount: quote!.amount, product_data: { name: quote!.name }, ...recurring } }];
    if (request.mode === 'payment') params.payment_intent_data = { metadata };
    else params.subscription_data = { metadata };
  }
  try {
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: `link-checkout:session:${request.attemptId}` });
    const updated = await store.updateOrder(order.id, { checkoutSessionId: session.id }, 'checkout session');
    return { order: updated ?? order, session };
  } catch (err) {
    throw fromStripeError(err);
  }
}

/**
 * What a completed session means for its order (setup: the method saved and made the customer's
 * default, seed 003 § Retrieve the SetupIntent; payment: paid; subscription: active).
 */
export async function completedSessionPatch(stripe: Stripe, session: Stripe.Checkout.Session, order: Order) {
  const customerId = typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null);
  const base = { checkoutSessionId: session.id, ...(customerId ? { customerId } : {}) };
  if (session.mode === 'setup') {
    const full = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    const intent = full.setup_intent as Stripe.SetupIntent | null;
    const method = typeof intent?.payment_method === 'string' ? intent.payment_method : intent?.payment_method?.id;
    if (!intent || intent.status !== 'succeeded' || !method) return { ...base, status: 'failed' as const };
    const customer = customerId ?? (typeof intent.customer === 'string' ? intent.customer : intent.customer?.id);
    if (customer) await stripe.customers.update(customer, { invoice_settings: { default_payment_method: method } }, { idempotencyKey: `link-checkout:default-method:${session.id}` });
    return { ...base, ...(customer ? { customerId: customer } : {}), setupIntentId: intent.id, paymentMethodId: method, status: 'saved' as const };
  }
  const paidInFull = session.payment_status === 'paid' && session.amount_total === order.amount && session.currency === order.currency;
  const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
  const subscriptionId = typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
  const done = session.mode === 'subscription' ? 'active' : 'paid';
  return {
    ...base,
    ...(intentId ? { paymentIntentId: intentId } : {}),
    ...(subscriptionId ? { subscriptionId } : {}),
    ...(paidInFull ? { status: done as 'paid' | 'active', amountReceived: session.amount_total ?? 0 } : session.payment_status === 'paid' ? { status: 'needs_review' as const } : {}),
  };
}
