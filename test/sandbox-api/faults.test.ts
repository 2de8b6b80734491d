import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness, rejects } from './helpers.ts';

test("'5xx' answers 500 api_error without executing", async () => {
  const { emu } = harness();
  const stripe = emu.stripeClient({ maxNetworkRetries: 0 });
  emu.faults.set({ route: 'POST /v1/payment_intents', kind: '5xx', times: 1 });
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }));
  assert.equal(err.statusCode, 500);
  assert.equal(err.type, 'StripeAPIError');
  assert.equal(emu.state.paymentIntents.size, 0);
  const ok = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  assert.equal(ok.status, 'requires_payment_method');
});

test("the SDK's own retries get past a single injected 5xx", async () => {
  const { emu } = harness();
  const stripe = emu.stripeClient({ maxNetworkRetries: 1 });
  emu.faults.set({ route: 'POST /v1/customers', kind: '5xx', times: 1 });
  await stripe.customers.create({});
  assert.equal(emu.state.customers.size, 1);
});

test("'drop' rejects the fetch before the request runs", async () => {
  const { emu } = harness();
  const stripe = emu.stripeClient({ maxNetworkRetries: 0 });
  emu.faults.set({ route: '/v1/customers', kind: 'drop' });
  const err = await rejects(() => stripe.customers.create({}));
  assert.equal(err.type, 'StripeConnectionError');
  assert.equal(emu.state.customers.size, 0);
  emu.faults.clear();
  await stripe.customers.create({});
});

test("'timeout' runs the request but loses the answer; an SDK retry with the same key is replayed", async () => {
  const { emu } = harness();
  const stripe = emu.stripeClient({ maxNetworkRetries: 2 });
  emu.faults.set({ route: 'POST /v1/payment_intents', kind: 'timeout', times: 1 });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  assert.equal(emu.state.paymentIntents.size, 1, 'executed once');
  assert.equal((pi.lastResponse.headers as unknown as Headers).get('idempotent-replayed'), 'true');
});

test("'slow' delays the answer; :param patterns and rate 0 never fire", async () => {
  const { emu, stripe } = harness();
  emu.faults.set({ route: 'GET /v1/customers/:id', kind: 'slow', delayMs: 60 });
  emu.faults.set({ route: '*', kind: '5xx', rate: 0 });
  const c = await stripe.customers.create({});
  const t0 = Date.now();
  await stripe.customers.retrieve(c.id);
  assert.ok(Date.now() - t0 >= 50);
});

test("webhook faults: a dropped delivery is retried", async () => {
  const { emu, stripe, deliveries } = harness();
  emu.addWebhookEndpoint('http://shop.example/wh');
  emu.faults.set({ route: 'webhooks', kind: 'drop', times: 1 });
  await stripe.customers.create({});
  await emu.webhooksIdle();
  assert.deepEqual(emu.webhookAttempts().map((a) => a.status), ['dropped', 200]);
  assert.equal(deliveries.length, 1);
});
