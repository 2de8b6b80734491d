// Webhook endpoints registered through the API receive signed deliveries, as emulator.addWebhookEndpoint's do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Stripe from 'stripe';
import { CARDS, browserToken, harness, rejects } from './helpers.ts';

const verifier = new Stripe('sk_test_unused');

test('an endpoint created through the API gets the events it enabled, signed with the secret shown once', async () => {
  const h = harness();
  const endpoint = await h.stripe.webhookEndpoints.create({ url: 'https://one.example/hook', enabled_events: ['payment_intent.succeeded'], metadata: { instance: 'a' } });
  assert.match(endpoint.secret ?? '', /^whsec_/);
  assert.equal(endpoint.status, 'enabled');
  assert.equal((await h.stripe.webhookEndpoints.retrieve(endpoint.id)).secret, undefined, 'the secret is only in the create answer');
  const all = await h.stripe.webhookEndpoints.create({ url: 'https://two.example/hook', enabled_events: ['payment_intent.created', 'payment_intent.succeeded'] });
  await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(h.emu, CARDS.visa) });
  await h.emu.webhooksIdle();
  const one = h.deliveries.filter((r) => r.url === 'https://one.example/hook');
  assert.equal(one.length, 1);
  const event = await verifier.webhooks.constructEventAsync(await one[0].text(), one[0].headers.get('stripe-signature')!, endpoint.secret!);
  assert.equal(event.type, 'payment_intent.succeeded');
  const two = h.deliveries.filter((r) => r.url === 'https://two.example/hook');
  const types = await Promise.all(two.map(async (r) => (await verifier.webhooks.constructEventAsync(await r.text(), r.headers.get('stripe-signature')!, all.secret!)).type));
  assert.deepEqual(types.sort(), ['payment_intent.created', 'payment_intent.succeeded']);
});

test('a disabled endpoint gets nothing; a deleted one is gone; updates change url and events', async () => {
  const h = harness();
  const endpoint = await h.stripe.webhookEndpoints.create({ url: 'https://one.example/hook', enabled_events: ['*'] });
  const disabled = await h.stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
  assert.equal(disabled.status, 'disabled');
  await h.stripe.customers.create({});
  await h.emu.webhooksIdle();
  assert.equal(h.deliveries.length, 0);
  const moved = await h.stripe.webhookEndpoints.update(endpoint.id, { disabled: false, url: 'https://moved.example/hook', enabled_events: ['customer.created'] });
  assert.deepEqual([moved.url, moved.enabled_events], ['https://moved.example/hook', ['customer.created']]);
  await h.stripe.customers.create({});
  await h.emu.webhooksIdle();
  assert.deepEqual(h.deliveries.map((r) => r.url), ['https://moved.example/hook']);
  assert.deepEqual((await h.stripe.webhookEndpoints.list()).data.map((e) => e.id), [endpoint.id]);
  const deleted = await h.stripe.webhookEndpoints.del(endpoint.id);
  assert.deepEqual(deleted, { id: endpoint.id, object: 'webhook_endpoint', deleted: true });
  assert.equal((await rejects(() => h.stripe.webhookEndpoints.retrieve(endpoint.id))).statusCode, 404);
});

test('refusals: no url or events, a non-http url, a malformed event type, connect endpoints', async () => {
  const { stripe } = harness();
  const missing = await rejects(() => stripe.webhookEndpoints.create({ url: 'https://x.example/hook' } as Stripe.WebhookEndpointCreateParams));
  assert.equal(missing.param, 'enabled_events');
  const badUrl = await rejects(() => stripe.webhookEndpoints.create({ url: 'ftp://x.example/hook', enabled_events: ['*'] }));
  assert.deepEqual([badUrl.code, badUrl.param], ['url_invalid', 'url']);
  for (const bad of ['not an event', 'payment_intent.*']) {
    const badEvent = await rejects(() => stripe.webhookEndpoints.create({ url: 'https://x.example/hook', enabled_events: ['*', bad as '*'] }));
    assert.equal(badEvent.param, 'enabled_events[1]', bad);
  }
  const connect = await rejects(() => stripe.webhookEndpoints.create({ url: 'https://x.example/hook', enabled_events: ['*'], connect: true }));
  assert.equal(connect.param, 'connect');
});
