import { Hono } from 'hono';
import type { CheckoutResponse } from '../../protocol/index.ts';
import { parseCheckoutRequest, readJsonObject } from '../checkout-request.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, declinedIntentId, fromStripeError } from '../errors.ts';
import { MODES } from '../intents/index.ts';
import { completeOrder } from '../intents/recover.ts';
import type { Order } from '../store/types.ts';

export { idempotencyKeyFor } from '../intents/index.ts';

/** The fields of an order its attempt id pins: a retry must ask for the same purchase. */
const samePurchase = (order: Order, other: Pick<Order, 'mode' | 'item' | 'amount' | 'currency'>) =>
  order.mode === other.mode && order.item === other.item && order.amount === other.amount && order.currency === other.currency;

/**
 * POST /api/checkout: the deferred-intent flow's server half, for every mode. The price rules
 * decide the amount; the mode's module creates and confirms its intent with the ConfirmationToken;
 * a retried attempt reuses its order and its Stripe idempotency keys, so it is never charged twice.
 */
export function checkoutRoutes({ stripe, store, pricing }: AppDeps) {
  return new Hono().post('/api/checkout', async (c) => {
    const request = parseCheckoutRequest(await readJsonObject(c));
    if (request.order) return c.json(await completeOrder({ stripe, store }, request.order, request.attemptId, request.confirmationTokenId));
    const quote = await pricing.quote(request, 'checkout');
    const purchase = { mode: quote.mode, item: quote.item ?? null, amount: quote.amount, currency: quote.currency };

    const { order } = await store.createOrder({
      ...purchase,
      attemptId: request.attemptId,
      priceRule: quote.rule,
      name: quote.name,
      interval: quote.interval ?? null,
      email: request.email ?? null,
      captureMethod: quote.elements.captureMethod ?? 'automatic',
    });
    if (!samePurchase(order, purchase)) {
      throw new ApiError(409, 'idempotency_error', 'attempt_reused', 'This checkout attempt was already used for another purchase; press Pay again.');
    }

    const record = async (patch: Parameters<typeof store.updateOrder>[1]) => void (await store.updateOrder(order.id, patch, 'checkout'));
    let outcome;
    try {
      outcome = await MODES[quote.mode]({ stripe, quote, request, order, email: request.email, record });
    } catch (err) {
      const apiError = err instanceof ApiError ? err : fromStripeError(err);
      // Refused before Stripe made anything (a made-up or spent token): nothing to keep or reconcile.
      if (apiError.type === 'invalid_request_error' && apiError.status === 400) await store.discardOrder(order.id);
      if (apiError.type === 'card_error') {
        const intentId = declinedIntentId(err) ?? '';
        const ids = intentId.startsWith('pi_') ? { paymentIntentId: intentId } : intentId.startsWith('seti_') ? { setupIntentId: intentId } : {};
        await store.updateOrder(order.id, { status: 'failed', intentStatus: 'requires_payment_method', ...ids }, `checkout: ${apiError.code}`);
      }
      throw apiError;
    }

    const updated = (await store.updateOrder(order.id, outcome.patch, 'checkout')) ?? order;
    const body: CheckoutResponse = {
      orderId: order.id,
      mode: quote.mode,
      status: outcome.status,
      clientSecret: outcome.clientSecret,
      ...(updated.paymentIntentId ? { paymentIntentId: updated.paymentIntentId } : {}),
      ...(updated.setupIntentId ? { setupIntentId: updated.setupIntentId } : {}),
      ...(updated.subscriptionId ? { subscriptionId: updated.subscriptionId } : {}),
      ...(updated.customerId ? { customerId: updated.customerId } : {}),
    };
    return c.json(body);
  });
}
