import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARDS, browser, browserToken, harness, rejects } from './helpers.ts';

test('customers: create, retrieve, update, list by email', async () => {
  const { stripe } = harness();
  const c = await stripe.customers.create({ email: 'jenny@example.com', name: 'Jenny', metadata: { uid: '7' } });
  assert.match(c.id, /^cus_/);
  const got = await stripe.customers.retrieve(c.id);
  assert.equal(got.deleted, undefined);
  assert.equal((got as typeof c).email, 'jenny@example.com');
  const updated = await stripe.customers.update(c.id, { name: 'Jenny R' });
  assert.equal(updated.name, 'Jenny R');
  await stripe.customers.create({ email: 'other@example.com' });
  const found = await stripe.customers.list({ email: 'jenny@example.com' });
  assert.deepEqual(found.data.map((x) => x.id), [c.id]);
});

test('SetupIntent with a confirmation token saves the card to the customer', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const token = await browserToken(emu, CARDS.visa);
  const si = await stripe.setupIntents.create({ customer: customer.id, confirm: true, confirmation_token: token, expand: ['payment_method'] });
  assert.match(si.id, /^seti_/);
  assert.equal(si.status, 'succeeded');
  assert.ok(si.client_secret?.startsWith(`${si.id}_secret_`));
  const pm = si.payment_method as { id: string; customer: string };
  assert.equal(pm.customer, customer.id);
  const retrieved = await stripe.setupIntents.retrieve(si.id);
  assert.equal(retrieved.status, 'succeeded');
  const client = await browser(emu, 'GET', `/v1/setup_intents/${si.id}`, { client_secret: si.client_secret! });
  assert.equal(client.body.status, 'succeeded');
  assert.equal(client.body.customer, undefined);
});

test('SetupIntent: create, then confirm; decline and 3DS', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({});
  const si = await stripe.setupIntents.create({ customer: customer.id });
  assert.equal(si.status, 'requires_payment_method');
  const declined = await rejects(async () => stripe.setupIntents.confirm(si.id, { confirmation_token: await browserToken(emu, CARDS.declined) }));
  assert.equal(declined.statusCode, 402);
  assert.equal(declined.decline_code, 'generic_decline');
  assert.equal(declined.raw.setup_intent.status, 'requires_payment_method');
  const action = await stripe.setupIntents.confirm(si.id, { confirmation_token: await browserToken(emu, CARDS.threeDS) });
  assert.equal(action.status, 'requires_action');
  assert.equal(action.next_action?.type, 'use_stripe_sdk');
  const done = await browser(emu, 'POST', `/_sandbox/3ds/${si.id}`, { client_secret: si.client_secret!, outcome: 'complete' });
  assert.equal(done.body.status, 'succeeded');
  const again = await rejects(() => stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' }));
  assert.equal(again.code, 'setup_intent_unexpected_state');
});

test('payment methods: list by customer and type, attach, detach', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({});
  const si = await stripe.setupIntents.create({ confirm: true, confirmation_token: await browserToken(emu, CARDS.visa) });
  const pmId = si.payment_method as string;
  assert.equal((await stripe.paymentMethods.list({ customer: customer.id, type: 'card' })).data.length, 0);
  const attached = await stripe.paymentMethods.attach(pmId, { customer: customer.id });
  assert.equal(attached.customer, customer.id);
  const listed = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
  assert.deepEqual(listed.data.map((p) => p.id), [pmId]);
  const other = await stripe.customers.create({});
  const taken = await rejects(() => stripe.paymentMethods.attach(pmId, { customer: other.id }));
  assert.equal(taken.statusCode, 400);
  const detached = await stripe.paymentMethods.detach(pmId);
  assert.equal(detached.customer, null);
  const twice = await rejects(() => stripe.paymentMethods.detach(pmId));
  assert.equal(twice.statusCode, 400);
  const types = (await stripe.events.list({ type: 'payment_method.*' })).data.map((e) => e.type);
  assert.deepEqual(types, ['payment_method.detached', 'payment_method.attached']);
});
