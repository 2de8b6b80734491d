import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { AppDeps } from '../deps.ts';
import { ApiError, invalidRequest } from '../errors.ts';
import { applyStripeEvent } from '../webhook-events.ts';

/**
 * The SDK refuses signatures older than its tolerance (300 s) but accepts any from the future.
 * A timestamp ahead of our clock by more than that is a replay prepared in advance or a clock
 * gone wrong; refused the same way, so Stripe retries once the clocks agree.
 */
const FUTURE_TOLERANCE_S = 300;

/** The `t=` of a Stripe-Signature header (seconds since the epoch); the last one, as the SDK reads it. */
const signedAt = (header: string): number | undefined => {
  const last = [...header.matchAll(/(?:^|,)\s*t=([^,]*)/g)].at(-1)?.[1]?.trim();
  return last && /^\d{1,12}$/.test(last) ? Number(last) : undefined;
};

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
    const timestamp = signedAt(signature);
    if (timestamp === undefined || timestamp > Date.now() / 1000 + FUTURE_TOLERANCE_S) {
      throw invalidRequest('signature_invalid', 'The Stripe-Signature is timestamped in the future; check this server\'s clock.');
    }

    const applied = await store.processEventOnce(event.id, event.type, (orders) => applyStripeEvent(orders, event, stripe));
    return c.json({ received: true, duplicate: !applied });
  });
}
