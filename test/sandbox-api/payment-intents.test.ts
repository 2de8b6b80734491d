import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import { CARDS, browser, browserToken, harness, rejects } from './helpers.ts';

test('create without confirm: requires_payment_method with a client secret', async () => {
  const { stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1999, currency: 'USD', metadata: { order: 'o1' }, description: 'Mug' });
  assert.match(pi.id, /^pi_/);
  assert.equal(pi.status, 'requires_payment_method');
  assert.equal(pi.client_secret?.startsWith(`${pi.id}_secret_`), true);
  assert.equal(pi.currency, 'usd');
  assert.deepEqual(pi.metadata, { order: 'o1' });
  assert.equal(pi.description, 'Mug');
  assert.equal(pi.amount_received, 0);
  assert.equal(pi.latest_charge, null);
});

test('4242 confirms to succeeded with payment method, charge and amount_received', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const token = await browserToken(emu, CARDS.visa);
  const pi = await stripe.paymentIntents.create({
    amount: 2500,
    currency: 'usd',
    customer: customer.id,
    confirm: true,
    confirmation_token: token,
    receipt_email: 'jenny@example.com',
    expand: ['latest_charge'],
  });
  assert.equal(pi.status, 'succeeded');
  assert.equal(pi.amount_received, 2500);
  assert.match(pi.payment_method as string, /^pm_/);
  const charge = pi.latest_charge as Stripe.Charge;
  assert.match(charge.id, /^ch_/);
  assert.equal(charge.status, 'succeeded');
  assert.equal(charge.amount_captured, 2500);
  const pm = await stripe.paymentMethods.retrieve(pi.payment_method as string);
  assert.equal(pm.type, 'card');
  assert.equal(pm.card?.last4, '4242');
  assert.equal(pm.billing_details.name, 'Jenny Rosen');
  assert.equal(pm.customer, null, 'not attached without setup_future_usage');
});

test('create then confirm separately; update before confirming', async () => {
  const { emu, stripe } = harness();
  const created = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const updated = await stripe.paymentIntents.update(created.id, { amount: 1200, metadata: { a: '1' } });
  assert.equal(updated.amount, 1200);
  const token = await browserToken(emu, CARDS.visa);
  const confirmed = await stripe.paymentIntents.confirm(created.id, { confirmation_token: token });
  assert.equal(confirmed.status, 'succeeded');
  assert.equal(confirmed.amount_received, 1200);
  const metaCleared = await stripe.paymentIntents.update(created.id, { metadata: { a: '' } });
  assert.deepEqual(metaCleared.metadata, {});
  const err = await rejects(() => stripe.paymentIntents.update(created.id, { amount: 5000 }));
  assert.equal(err.code, 'payment_intent_unexpected_state');
});

test('declines: 402 card_error, intent left in requires_payment_method with last_payment_error', async () => {
  const { emu, stripe } = harness();
  for (const [number, decline] of [
    [CARDS.declined, 'generic_decline'],
    [CARDS.insufficient, 'insufficient_funds'],
    [CARDS.live, 'test_mode_live_card'],
  ] as const) {
    const token = await browserToken(emu, number);
    const err = await rejects(() => stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token }));
    assert.equal(err.type, 'StripeCardError');
    assert.equal(err.statusCode, 402);
    assert.equal(err.code, 'card_declined');
    assert.equal(err.decline_code, decline);
    assert.match(err.raw.charge, /^ch_/);
    const pi = err.raw.payment_intent as Stripe.PaymentIntent;
    assert.equal(pi.status, 'requires_payment_method');
    assert.equal(pi.last_payment_error?.decline_code, decline);
    assert.equal(pi.last_payment_error?.type, 'card_error');
    const stored = await stripe.paymentIntents.retrieve(pi.id);
    assert.equal(stored.status, 'requires_payment_method');
    assert.equal(stored.last_payment_error?.code, 'card_declined');
    assert.equal(stored.amount_received, 0);
  }
});

test('a declined intent can be retried with another card', async () => {
  const { emu, stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await rejects(() => stripe.paymentIntents.confirm(pi.id, { confirmation_token: 'x' }));
  const bad = await browserToken(emu, CARDS.declined);
  await rejects(() => stripe.paymentIntents.confirm(pi.id, { confirmation_token: bad }));
  const good = await browserToken(emu, CARDS.visa);
  const ok = await stripe.paymentIntents.confirm(pi.id, { confirmation_token: good });
  assert.equal(ok.status, 'succeeded');
  assert.equal(ok.last_payment_error, null);
});

test('3220 needs 3DS: requires_action with use_stripe_sdk; Complete -> succeeded', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.threeDS);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token });
  assert.equal(pi.status, 'requires_action');
  assert.equal(pi.next_action?.type, 'use_stripe_sdk');
  assert.ok(pi.next_action?.use_stripe_sdk);
  const page = await browser(emu, 'POST', `/_sandbox/3ds/${pi.id}`, { client_secret: pi.client_secret!, outcome: 'complete' });
  assert.equal(page.status, 200);
  assert.equal(page.body.status, 'succeeded');
  const after = await stripe.paymentIntents.retrieve(pi.id);
  assert.equal(after.status, 'succeeded');
  assert.equal(after.next_action, null);
  assert.match(after.latest_charge as string, /^ch_/);
});

test('3DS Fail -> requires_payment_method with payment_intent_authentication_failure', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.threeDS);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token });
  const page = await browser(emu, 'POST', `/_sandbox/3ds/${pi.id}`, { client_secret: pi.client_secret!, outcome: 'fail' });
  assert.equal(page.status, 200);
  const after = await stripe.paymentIntents.retrieve(pi.id);
  assert.equal(after.status, 'requires_payment_method');
  assert.equal(after.last_payment_error?.code, 'payment_intent_authentication_failure');
  assert.equal(after.payment_method, null);
  const wrong = await browser(emu, 'POST', `/_sandbox/3ds/${pi.id}`, { client_secret: 'nope', outcome: 'complete' });
  assert.equal(wrong.status, 400);
  const again = await browser(emu, 'POST', `/_sandbox/3ds/${pi.id}`, { client_secret: pi.client_secret!, outcome: 'complete' });
  assert.equal(again.status, 400, 'nothing to authenticate any more');
});

test('publishable key + client_secret reads the client-visible fields only', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({});
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, metadata: { secret: 'x' } });
  const ok = await browser(emu, 'GET', `/v1/payment_intents/${pi.id}`, { client_secret: pi.client_secret! });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.id, pi.id);
  assert.equal(ok.body.status, 'requires_payment_method');
  assert.equal(ok.body.amount, 1000);
  assert.equal(ok.body.metadata, undefined);
  assert.equal(ok.body.customer, undefined);
  const missing = await browser(emu, 'GET', `/v1/payment_intents/${pi.id}`);
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.param, 'client_secret');
  const wrong = await browser(emu, 'GET', `/v1/payment_intents/${pi.id}`, { client_secret: `${pi.id}_secret_wrong` });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.param, 'client_secret');
});

test('manual capture: requires_capture, then capture (partial), with state errors', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.visa);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'manual', confirm: true, confirmation_token: token });
  assert.equal(pi.status, 'requires_capture');
  assert.equal(pi.amount_capturable, 1000);
  const tooMuch = await rejects(() => stripe.paymentIntents.capture(pi.id, { amount_to_capture: 2000 }));
  assert.equal(tooMuch.param, 'amount_to_capture');
  const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 600, expand: ['latest_charge'] });
  assert.equal(captured.status, 'succeeded');
  assert.equal(captured.amount_received, 600);
  assert.equal(captured.amount_capturable, 0);
  assert.equal((captured.latest_charge as Stripe.Charge).amount_captured, 600);
  const twice = await rejects(() => stripe.paymentIntents.capture(pi.id));
  assert.equal(twice.code, 'payment_intent_unexpected_state');
  assert.equal(twice.raw.payment_intent.id, pi.id);
});

test('state errors: confirm after success, cancel after success, capture of automatic intent', async () => {
  const { emu, stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(emu, CARDS.visa) });
  const confirmAgain = await rejects(() => stripe.paymentIntents.confirm(pi.id, { confirmation_token: 'ctoken_x' }));
  assert.equal(confirmAgain.statusCode, 400);
  assert.equal(confirmAgain.code, 'payment_intent_unexpected_state');
  const cancel = await rejects(() => stripe.paymentIntents.cancel(pi.id));
  assert.equal(cancel.code, 'payment_intent_unexpected_state');
  const capture = await rejects(() => stripe.paymentIntents.capture(pi.id));
  assert.equal(capture.code, 'payment_intent_unexpected_state');
});

test('cancel moves an open intent to canceled', async () => {
  const { stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const canceled = await stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'abandoned' });
  assert.equal(canceled.status, 'canceled');
  assert.equal(canceled.cancellation_reason, 'abandoned');
  assert.ok(canceled.canceled_at);
  const confirm = await rejects(() => stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' }));
  assert.equal(confirm.code, 'payment_intent_unexpected_state');
});

test('setup_future_usage + customer saves the card; off_session reuse works', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  // Elements created with setupFutureUsage: the token carries it, and must agree with the intent.
  const token = await browserToken(emu, CARDS.visa, { setup_future_usage: 'off_session' });
  const first = await stripe.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    customer: customer.id,
    setup_future_usage: 'off_session',
    confirm: true,
    confirmation_token: token,
  });
  assert.equal(first.setup_future_usage, 'off_session');
  const saved = await stripe.paymentMethods.retrieve(first.payment_method as string);
  assert.equal(saved.customer, customer.id);
  const listed = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
  assert.deepEqual(listed.data.map((pm) => pm.id), [saved.id]);
  const again = await stripe.paymentIntents.create({
    amount: 700,
    currency: 'usd',
    customer: customer.id,
    payment_method: saved.id,
    off_session: true,
    confirm: true,
  });
  assert.equal(again.status, 'succeeded');
});

test('off_session with a card that needs authentication -> 402 authentication_required', async () => {
  const { stripe } = harness();
  const err = await rejects(() =>
    stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', off_session: true, confirm: true }),
  );
  assert.equal(err.statusCode, 402);
  assert.equal(err.code, 'authentication_required');
  assert.equal(err.raw.payment_intent.status, 'requires_payment_method');
  assert.ok(err.raw.payment_intent.last_payment_error.payment_method.id);
});

test('confirmation token shipping is copied to the intent', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.visa, { 'shipping[name]': 'J R', 'shipping[address][line1]': '2 Side St', 'shipping[address][country]': 'US' });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token });
  assert.equal(pi.shipping?.name, 'J R');
  assert.equal(pi.shipping?.address?.line1, '2 Side St');
});

test('expand customer and payment_method on retrieve', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({ name: 'Jenny' });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, confirm: true, confirmation_token: await browserToken(emu, CARDS.visa) });
  const got = await stripe.paymentIntents.retrieve(pi.id, { expand: ['customer', 'payment_method'] });
  assert.equal((got.customer as Stripe.Customer).name, 'Jenny');
  assert.equal((got.payment_method as Stripe.PaymentMethod).card?.last4, '4242');
});

test('unknown customer on create -> 404 with param customer, no intent created', async () => {
  const { emu, stripe } = harness();
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: 'cus_nope' }));
  assert.equal(err.statusCode, 404);
  assert.equal(err.param, 'customer');
  assert.equal(emu.state.paymentIntents.size, 0);
});

test('a saved method cannot pay an intent without its Customer; with the Customer it can', async () => {
  const { stripe } = harness();
  const customer = await stripe.customers.create({ email: 'owner@example.com' });
  const method = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 500, currency: 'usd', payment_method: method.id, confirm: true, return_url: 'https://shop.example/done' }));
  assert.equal(err.statusCode, 400);
  assert.equal(err.param, 'customer');
  const paid = await stripe.paymentIntents.create({ amount: 500, currency: 'usd', customer: customer.id, payment_method: method.id, confirm: true, return_url: 'https://shop.example/done' });
  assert.equal(paid.status, 'succeeded');
});
