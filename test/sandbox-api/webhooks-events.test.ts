import assert from 'node:assert/strict';
import { test } from 'node:test';
import Stripe from 'stripe';
import { CARDS, browser, browserToken, harness, rejects } from './helpers.ts';

const verifier = new Stripe('sk_test_unused');

test('deliveries are signed so constructEventAsync accepts them', async () => {
  const { emu, stripe, deliveries } = harness();
  const endpoint = emu.addWebhookEndpoint('http://shop.example/webhook');
  assert.match(endpoint.id, /^we_/);
  assert.match(endpoint.secret, /^whsec_/);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(emu, CARDS.visa) });
  await emu.webhooksIdle();
  const events = [];
  for (const req of deliveries) {
    assert.equal(req.url, 'http://shop.example/webhook');
    assert.equal(req.method, 'POST');
    const sig = req.headers.get('stripe-signature')!;
    assert.match(sig, /^t=\d+,v1=[0-9a-f]{64}$/);
    events.push(await verifier.webhooks.constructEventAsync(await req.text(), sig, endpoint.secret));
  }
  assert.deepEqual(events.map((e) => e.type).sort(), ['charge.succeeded', 'payment_intent.created', 'payment_intent.succeeded']);
  const succeeded = events.find((e) => e.type === 'payment_intent.succeeded') as Stripe.PaymentIntentSucceededEvent;
  assert.equal(succeeded.data.object.id, pi.id);
  assert.equal(succeeded.data.object.status, 'succeeded');
  assert.match(succeeded.id, /^evt_/);
  assert.match(succeeded.request?.id ?? '', /^req_/);
});

test('a wrong secret fails verification', async () => {
  const { emu, stripe, deliveries } = harness();
  emu.addWebhookEndpoint('http://shop.example/webhook', { secret: 'whsec_known' });
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await emu.webhooksIdle();
  const req = deliveries[0];
  await verifier.webhooks.constructEventAsync(await req.clone().text(), req.headers.get('stripe-signature')!, 'whsec_known');
  const body = await req.text();
  await rejects(() => verifier.webhooks.constructEventAsync(body, req.headers.get('stripe-signature')!, 'whsec_other'));
});

test('deliveries are asynchronous: nothing is sent before the API call returns', async () => {
  const { emu, stripe, deliveries } = harness();
  emu.addWebhookEndpoint('http://shop.example/webhook');
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  assert.equal(deliveries.length, 0);
  await emu.webhooksIdle();
  assert.equal(deliveries.length, 1);
});

test('declines emit payment_intent.payment_failed; 3DS emits requires_action', async () => {
  const { emu, stripe, deliveries } = harness();
  const endpoint = emu.addWebhookEndpoint('http://shop.example/webhook', { enabledEvents: ['payment_intent.payment_failed', 'payment_intent.requires_action'] });
  await rejects(() => stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: 'x' }));
  await rejects(async () =>
    stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(emu, CARDS.declined) }),
  );
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(emu, CARDS.threeDS) });
  await browser(emu, 'POST', `/_sandbox/3ds/${pi.id}`, { client_secret: pi.client_secret!, outcome: 'fail' });
  await emu.webhooksIdle();
  const seen: string[] = [];
  for (const req of deliveries) {
    const e = await verifier.webhooks.constructEventAsync(await req.text(), req.headers.get('stripe-signature')!, endpoint.secret);
    seen.push(`${e.type} ${(e.data.object as { id: string }).id === pi.id ? '3ds' : 'declined'}`);
  }
  // Delivery order is not guaranteed (Stripe's neither): compare the set of deliveries.
  assert.deepEqual(seen.sort(), ['payment_intent.payment_failed 3ds', 'payment_intent.payment_failed declined', 'payment_intent.requires_action 3ds']);
});

test('the event log lists newest first, filters by type and retrieves by id', async () => {
  const { emu, stripe } = harness();
  await stripe.customers.create({ email: 'a@b.co' });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(emu, CARDS.visa) });
  const all = await stripe.events.list({ limit: 10 });
  assert.deepEqual(all.data.map((e) => e.type), ['payment_intent.succeeded', 'charge.succeeded', 'payment_intent.created', 'customer.created']);
  const only = await stripe.events.list({ type: 'payment_intent.succeeded' });
  assert.equal(only.data.length, 1);
  assert.equal((only.data[0].data.object as Stripe.PaymentIntent).id, pi.id);
  const page = await stripe.events.list({ limit: 1 });
  assert.equal(page.has_more, true);
  const one = await stripe.events.retrieve(only.data[0].id);
  assert.equal(one.type, 'payment_intent.succeeded');
  const wildcard = await stripe.events.list({ type: 'payment_intent.*' });
  assert.equal(wildcard.data.length, 2);
});

test('event payloads are snapshots taken when the event happened', async () => {
  const { emu, stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await stripe.paymentIntents.confirm(pi.id, { confirmation_token: await browserToken(emu, CARDS.visa) });
  const created = (await stripe.events.list({ type: 'payment_intent.created' })).data[0];
  assert.equal((created.data.object as Stripe.PaymentIntent).status, 'requires_payment_method');
});

test('non-2xx answers are retried with backoff until success', async () => {
  let calls = 0;
  const { emu, stripe } = harness({ answer: () => (++calls < 3 ? 500 : 200) });
  emu.addWebhookEndpoint('http://shop.example/webhook');
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await emu.webhooksIdle();
  assert.equal(calls, 3);
  assert.deepEqual(emu.webhookAttempts().map((a) => a.status), [500, 500, 200]);
  const [event] = (await stripe.events.list()).data;
  assert.equal(event.pending_webhooks, 0);
});

test('retries stop after maxAttempts; thrown deliveries count as failures', async () => {
  const { emu, stripe } = harness({ deliver: async () => { throw new TypeError('connection refused'); }, webhookRetry: { maxAttempts: 2, baseDelayMs: 1 } });
  emu.addWebhookEndpoint('http://shop.example/webhook');
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await emu.webhooksIdle();
  assert.deepEqual(emu.webhookAttempts().map((a) => a.status), ['error', 'error']);
  const [event] = (await stripe.events.list()).data;
  assert.equal(event.pending_webhooks, 1);
});

test('every endpoint gets every subscribed event', async () => {
  const { emu, stripe, deliveries } = harness();
  emu.addWebhookEndpoint('http://a.example/wh');
  emu.addWebhookEndpoint('http://b.example/wh', { enabledEvents: ['customer.created'] });
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await stripe.customers.create({});
  await emu.webhooksIdle();
  const byUrl = deliveries.map((d) => new URL(d.url).host).sort();
  assert.deepEqual(byUrl, ['a.example', 'a.example', 'b.example']);
});

test('a faked emulator clock still yields signatures receivers accept', async () => {
  const { emu, stripe, deliveries } = harness({ now: () => Date.UTC(2031, 5, 1) });
  const endpoint = emu.addWebhookEndpoint('http://shop.example/webhook');
  await stripe.customers.create({});
  await emu.webhooksIdle();
  const req = deliveries[0];
  const event = await verifier.webhooks.constructEventAsync(await req.text(), req.headers.get('stripe-signature')!, endpoint.secret);
  assert.equal(event.created, Date.UTC(2031, 5, 1) / 1000);
});
