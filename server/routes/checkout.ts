import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { CheckoutResponse, IntentStatus } from '../../protocol/index.ts';
import { parseCheckoutRequest, readJsonObject } from '../checkout-request.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, declinedIntentId, fromStripeError } from '../errors.ts';

/** Stripe keeps idempotency keys for at least 24 hours; one attempt maps to one key for good. */
export const idempotencyKeyFor = (attemptId: string) => `link-checkout:attempt:${attemptId}`;

/**
 * POST /api/checkout: the deferred-intent flow's server half. The amount comes from the price
 * rules, the PaymentIntent is created and confirmed in one call with the ConfirmationToken, and a
 * retried attempt reuses its order and its Stripe idempotency key, so it is never charged twice.
 */
export function checkoutRoutes({ stripe, store, pricing }: AppDeps) {
  return new Hono().post('/api/checkout', async (c) => {
    const request = parseCheckoutRequest(await readJsonObject(c));
    const quote = pricing.quote({ item: request.item });

    const { order } = await store.createOrder({
      attemptId: request.attemptId,
      item: quote.item,
      amount: quote.amount,
      currency: quote.currency,
      email: request.email ?? null,
    });
    if (order.item !== quote.item || order.amount !== quote.amount || order.currency !== quote.currency) {
      throw new ApiError(409, 'idempotency_error', 'attempt_reused', 'This checkout attempt was already used for another purchase; press Pay again.');
    }

    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: quote.amount,
          currency: quote.currency,
          confirm: true,
          confirmation_token: request.confirmationTokenId,
          description: quote.name,
          metadata: { order_id: order.id, item: quote.item },
          ...(request.email ? { receipt_email: request.email } : {}),
        },
        { idempotencyKey: idempotencyKeyFor(request.attemptId) },
      );
    } catch (err) {
      const apiError = fromStripeError(err);
      if (apiError.type === 'card_error') {
        const paymentIntentId = declinedIntentId(err);
        await store.updateOrder(order.id, { status: 'failed', intentStatus: 'requires_payment_method', ...(paymentIntentId ? { paymentIntentId } : {}) });
      }
      throw apiError;
    }

    await store.updateOrder(order.id, { paymentIntentId: intent.id, intentStatus: intent.status });
    const body: CheckoutResponse = {
      orderId: order.id,
      paymentIntentId: intent.id,
      status: intent.status as IntentStatus,
      clientSecret: intent.client_secret ?? '',
    };
    return c.json(body);
  });
}
