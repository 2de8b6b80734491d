import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { AppDeps } from '../deps.ts';
import { ApiError, invalidRequest } from '../errors.ts';
import { applyStripeEvent } from '../webhook-events.ts';

/**
 * POST /api/webhook: the source of truth for orders. The signature is checked on the raw body,
 * and each event id is applied once, in the same transaction that records it.
 */
export function webhookRoutes({ stripe, store, config }: AppDeps) {
  return new Hono().post('/api/webhook', async (c) => {
    if (!config.webhookSecret) {
      throw new ApiError(503, 'api_error', 'webhook_not_configured', 'Set STRIPE_WEBHOOK_SECRET to receive Stripe events.');
    }
    const signature = c.req.header('stripe-signature');
    if (!signature) throw invalidRequest('signature_missing', 'Missing Stripe-Signature header.');
    const payload = await c.req.text();

    let event: Stripe.Event;
    try {
      event = await stripe.webhooks.constructEventAsync(payload, signature, config.webhookSecret);
    } catch {
      throw invalidRequest('signature_invalid', 'The Stripe-Signature does not match this payload, or it is too old.');
    }

    const applied = await store.processEventOnce(event.id, event.type, (orders) => applyStripeEvent(orders, event, stripe));
    return c.json({ received: true, duplicate: !applied });
  });
}
