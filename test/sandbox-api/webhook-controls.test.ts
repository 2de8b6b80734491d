import assert from 'node:assert/strict';
import { test } from 'node:test';
import Stripe from 'stripe';
import { harness } from './helpers.ts';

const verifier = new Stripe('sk_test_unused');

test('webhookControls.next: duplicate sends the same event twice, both signed', async () => {
  const { emu, stripe, deliveries } = harness();
  const endpoint = emu.addWebhookEndpoint('http://shop.example/webhook');
  emu.webhookControls.next({ duplicate: true }, { type: 'customer.created' });
  await stripe.customers.create({});
  await stripe.customers.create({});
  await emu.webhooksIdle();
  const ids = [];
  for (const req of deliveries) ids.push((await verifier.webhooks.constructEventAsync(await req.text(), req.headers.get('stripe-signature')!, endpoint.secret)).id);
  assert.equal(ids.length, 3);
  assert.equal(new Set(ids).size, 2, 'first event delivered twice, second once');
  const [latest, first] = (await stripe.events.list()).data;
  assert.equal(first.pending_webhooks, 0);
  assert.equal(latest.pending_webhooks, 0);
});

test('webhookControls.next: drop loses one delivery without retries; other types are unaffected', async () => {
  const { emu, stripe, deliveries } = harness();
  emu.addWebhookEndpoint('http://shop.example/webhook');
  emu.webhookControls.next({ drop: true }, { type: 'payment_intent.*' });
  await stripe.customers.create({});
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await emu.webhooksIdle();
  assert.equal(deliveries.length, 1);
  const dropped = emu.webhookAttempts().filter((a) => a.status === 'dropped');
  assert.equal(dropped.length, 1);
  const [piEvent] = (await stripe.events.list({ type: 'payment_intent.created' })).data;
  assert.equal(dropped[0].eventId, piEvent.id);
  assert.equal(piEvent.pending_webhooks, 1);
});

test('webhookControls.next: delayMs holds a delivery back so later events arrive first', async () => {
  const { emu, stripe, deliveries } = harness();
  emu.addWebhookEndpoint('http://shop.example/webhook');
  emu.webhookControls.next({ delayMs: 300 }, { type: 'customer.created' });
  const c = await stripe.customers.create({});
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  for (let i = 0; i < 100 && deliveries.length === 0; i++) await new Promise((r) => setTimeout(r, 2));
  assert.equal(deliveries.length, 1, 'only the undelayed event so far');
  await emu.webhooksIdle();
  const order = [];
  for (const req of deliveries) order.push(JSON.parse(await req.text()).type);
  assert.deepEqual(order, ['payment_intent.created', 'customer.created']);
  assert.ok(c.id);
});

test('controls queue in order and clear() forgets them; retries still apply to delayed deliveries', async () => {
  let calls = 0;
  const { emu, stripe } = harness({ answer: () => (++calls === 1 ? 500 : 200) });
  emu.addWebhookEndpoint('http://shop.example/webhook');
  emu.webhookControls.next({ delayMs: 5 });
  emu.webhookControls.next({ drop: true });
  emu.webhookControls.clear();
  emu.webhookControls.next({ delayMs: 5 });
  await stripe.customers.create({});
  await emu.webhooksIdle();
  assert.deepEqual(emu.webhookAttempts().map((a) => a.status), [500, 200]);
});
