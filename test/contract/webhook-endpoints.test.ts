/**
 * Webhook endpoints registered through the API (how several server instances subscribe to one
 * account's events). Shape per stripe@23 WebhookEndpoints.d.ts; the signing secret is returned
 * only at creation (WebhookEndpoint.secret: "Only returned at creation").
 */
import assert from 'node:assert/strict';
import { contractCase, createTarget, rejection } from './target.ts';

const target = createTarget();
const { stripe } = target;

contractCase(
  'webhook endpoints: create returns the whsec_ secret once; retrieve and list omit it; update; delete answers deleted: true, then 404',
  'docs.stripe.com/api/webhook_endpoints; stripe@23 WebhookEndpoints.d.ts (secret only returned at creation)',
  async () => {
    const endpoint = await stripe.webhookEndpoints.create({
      url: `https://shop.example/webhooks/${target.runId}`,
      enabled_events: ['payment_intent.succeeded', 'checkout.session.completed'],
      metadata: { contract_run: target.runId },
    });
    assert.match(endpoint.id, /^we_/);
    assert.match(endpoint.secret ?? '', /^whsec_/);
    assert.equal(endpoint.status, 'enabled');
    assert.deepEqual([...endpoint.enabled_events].sort(), ['checkout.session.completed', 'payment_intent.succeeded']);
    const seen = await stripe.webhookEndpoints.retrieve(endpoint.id);
    assert.equal(seen.url, endpoint.url);
    assert.equal(seen.secret, undefined);
    const listed = await stripe.webhookEndpoints.list({ limit: 100 });
    assert.ok(listed.data.some((e) => e.id === endpoint.id && e.secret === undefined));
    assert.equal((await stripe.webhookEndpoints.update(endpoint.id, { disabled: true })).status, 'disabled');
    const deleted = await stripe.webhookEndpoints.del(endpoint.id);
    assert.equal(deleted.deleted, true);
    assert.equal((await rejection(() => stripe.webhookEndpoints.retrieve(endpoint.id))).statusCode, 404);
  },
);
