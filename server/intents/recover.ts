import type Stripe from 'stripe';
import type { CheckoutResponse, IntentStatus, Quote } from '../../protocol/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, fromStripeError } from '../errors.ts';
import { EXCLUDED_PAYMENT_METHOD_TYPES } from '../pricing/index.ts';
import type { Order } from '../store/types.ts';
import { idempotencyKeyFor } from './context.ts';

/** Why an order's page has nothing to pay: done already, or not something a customer completes. */
function notPayable(order: Order): ApiError {
  if (order.status === 'saved') return new ApiError(409, 'invalid_request_error', 'order_already_saved', 'These payment details are already saved. Nothing more is needed.');
  const done = ['paid', 'refunded', 'active', 'authorized'].includes(order.status);
  return new ApiError(409, 'invalid_request_error', done ? 'order_already_paid' : 'order_not_payable', done ? 'This order is already paid. Nothing more is needed.' : 'This order cannot be paid here.');
}

async function findOrder(store: AppDeps['store'], id: string): Promise<Order> {
  const order = await store.findOrder(id);
  if (!order) throw new ApiError(404, 'invalid_request_error', 'order_not_found', 'There is no such order.');
  return order;
}

/** An off-session charge that still needs its customer: the bank asked for authentication, or declined. */
export async function recoverableOrder(store: AppDeps['store'], id: string): Promise<Order> {
  const order = await findOrder(store, id);
  const open = order.priceRule === 'charge_later' && (order.status === 'action_required' || order.status === 'failed') && order.paymentIntentId;
  if (!open) throw notPayable(order);
  return order;
}

/** The quote for completing an order: its own amount, in its own mode. */
export function orderQuote(order: Order): Quote {
  const { amount, currency, mode } = order;
  return {
    rule: 'order',
    name: order.name ?? 'Payment',
    amount,
    currency,
    mode,
    ...(order.interval ? { interval: order.interval } : {}),
    elements: { mode, currency, excludedPaymentMethodTypes: EXCLUDED_PAYMENT_METHOD_TYPES, ...(mode === 'setup' ? {} : { amount }) },
  };
}

/**
 * The quote of an order's page (`/pay/:orderId`): an off-session charge the customer completes with
 * Elements, or a Checkout Session the shop sent (embedded: its client secret, which only the secret
 * key can read; hosted: its page). Anything settled or expired has nothing to pay.
 */
export async function quoteForOrder({ stripe, store }: Pick<AppDeps, 'stripe' | 'store'>, id: string): Promise<Quote> {
  const order = await findOrder(store, id);
  if (order.priceRule !== 'checkout_session' || !order.checkoutSessionId) return orderQuote(await recoverableOrder(store, id));
  if (order.status !== 'pending') throw notPayable(order);
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.retrieve(order.checkoutSessionId);
  } catch (err) {
    throw fromStripeError(err);
  }
  // Completed but its webhook not yet applied: paying again must not be offered.
  if (session.status === 'complete') throw notPayable({ ...order, status: order.mode === 'setup' ? 'saved' : 'paid' });
  if (session.status !== 'open') throw new ApiError(409, 'invalid_request_error', 'order_expired', 'This checkout link has expired. Ask the shop for a new one.');
  const checkoutSession = session.client_secret && session.ui_mode !== 'hosted_page'
    ? { ui: 'embedded' as const, clientSecret: session.client_secret }
    : { ui: 'hosted' as const, url: session.url ?? '' };
  return { ...orderQuote(order), checkoutSession };
}

/**
 * The customer, back on-session, confirms the order's existing PaymentIntent (seed 001 § Charge
 * later: bring the customer back to authenticate). The same intent, so the order is paid once.
 */
export async function completeOrder({ stripe, store }: Pick<AppDeps, 'stripe' | 'store'>, orderId: string, attemptId: string, confirmationTokenId: string): Promise<CheckoutResponse> {
  const order = await recoverableOrder(store, orderId);
  try {
    const intent = await stripe.paymentIntents.confirm(order.paymentIntentId!, { confirmation_token: confirmationTokenId }, { idempotencyKey: idempotencyKeyFor(attemptId) });
    await store.updateOrder(order.id, { intentStatus: intent.status }, 'recovery page');
    return { orderId: order.id, mode: 'payment', status: intent.status as IntentStatus, clientSecret: intent.client_secret ?? '', paymentIntentId: intent.id, ...(order.customerId ? { customerId: order.customerId } : {}) };
  } catch (err) {
    const error = fromStripeError(err);
    if (error.type === 'card_error') {
      await store.updateOrder(order.id, { lastError: { code: error.code, message: error.message, ...(error.extra.decline_code ? { declineCode: error.extra.decline_code } : {}) } }, `recovery page: ${error.code}`);
    }
    throw error;
  }
}
