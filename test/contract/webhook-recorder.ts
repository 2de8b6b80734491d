/**
 * A sandbox target whose webhook deliveries are recorded instead of sent, for the sandbox-only
 * cases that check what Stripe would deliver to an endpoint (every delivery verified with the
 * endpoint's secret through the official SDK, as the product's server does).
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { createTarget, requireEmulator, type Target } from './target.ts';

export interface Delivery {
  body: string;
  signature: string | null;
  url: string;
  status: number;
}

export interface WebhookRecorder {
  target: Target;
  /** Every delivery attempt so far, in order. */
  deliveries: Delivery[];
  /** Per endpoint URL, the statuses to answer in turn (then 200). */
  scriptedAnswers: Map<string, number[]>;
  /** A local endpoint at https://shop.example<path> (every event unless `enabledEvents`). */
  localEndpoint(path: string, opts?: { enabledEvents?: string[] }): { url: string; id: string; secret: string };
  /** The events of `type` about `objectId` delivered to `endpoint`, each verified with its secret. */
  deliveredEvents(endpoint: { url: string; secret: string }, type: string, objectId: string): Promise<Stripe.Event[]>;
}

export function webhookRecorder(): WebhookRecorder {
  const deliveries: Delivery[] = [];
  const scriptedAnswers = new Map<string, number[]>();
  const target = createTarget({
    deliver: async (req) => {
      const status = scriptedAnswers.get(req.url)?.shift() ?? 200;
      deliveries.push({ body: await req.text(), signature: req.headers.get('Stripe-Signature'), url: req.url, status });
      return new Response(status < 300 ? 'ok' : 'failing', { status });
    },
  });
  return {
    target,
    deliveries,
    scriptedAnswers,
    localEndpoint(path, opts) {
      const url = `https://shop.example${path}`;
      return { url, ...requireEmulator(target).addWebhookEndpoint(url, opts) };
    },
    async deliveredEvents({ url, secret }, type, objectId) {
      await requireEmulator(target).webhooksIdle();
      const out: Stripe.Event[] = [];
      for (const d of deliveries.filter((x) => x.url === url)) {
        assert.ok(d.signature, 'every delivery carries Stripe-Signature');
        const event = await target.stripe.webhooks.constructEventAsync(d.body, d.signature, secret);
        if (event.type === type && (event.data.object as { id?: string }).id === objectId) out.push(event);
      }
      return out;
    },
  };
}
