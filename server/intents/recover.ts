import type { CheckoutResponse, IntentStatus, Quote } from '../../protocol/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, fromStripeError } from '../errors.ts';
import { EXCLUDED_PAYMENT_METHOD_TYPES } from '../pricing/index.ts';
import type { Order } from '../store/types.ts';
import { idempotencyKeyFor } from './context.ts';

/** An off-session charge that still needs its customer: the bank asked for authentication, or declined. */
export async function recoverableOrder(store: AppDeps['store'], id: string): Promise<Order> {
  const order = await store.findOrder(id);
  if (!order) throw new ApiError(404, 'invalid_request_error', 'order_not_found', 'There is no such order.');
  const open = order.priceRule === 'charge_later' && (order.status === 'action_required' || order.status === 'failed') && order.paymentIntentId;
  if (!open) {
    const done = ['paid', 'refunded'].includes(order.status);
    throw new ApiError(409, 'invalid_request_error', done ? 'order_already_paid' : 'order_not_payable', done ? 'This order is already paid. Nothing more is needed.' : 'This order cannot be paid here.');
  }
  return order;
}

/** The quote for completing an order: its own amount, as a one-time payment. */
export function orderQuote(order: Order): Quote {
  const { amount, currency } = order;
  return {
    rule: 'order',
    name: order.name ?? 'Payment',
    amount,
    currency,
    mode: 'payment',
    elements: { mode: 'payment', amount, currency, excludedPaymentMethodTypes: EXCLUDED_PAYMENT_METHOD_TYPES },
  };
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
