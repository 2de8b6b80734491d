// Refunds and charges beyond the contract cases: refund by charge id, parameter checks, metadata
// updates, expansion, the charge's shape and the charge.* events of declines and captures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import { CARDS, browserToken, harness, rejects } from './helpers.ts';

async function paid(h: ReturnType<typeof harness>, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(h.emu, CARDS.visa), ...extra });
}

test('refund by charge id; charge and payment_intent expand; metadata updates merge', async () => {
  const h = harness();
  const pi = await paid(h);
  const refund = await h.stripe.refunds.create({ charge: pi.latest_charge as string, amount: 250, expand: ['charge', 'payment_intent'] });
  assert.equal((refund.charge as Stripe.Charge).amount_refunded, 250);
  assert.equal((refund.payment_intent as Stripe.PaymentIntent).id, pi.id);
  const updated = await h.stripe.refunds.update(refund.id, { metadata: { ticket: 'T-1' } });
  assert.deepEqual(updated.metadata, { ticket: 'T-1' });
  assert.deepEqual((await h.stripe.refunds.list({ charge: pi.latest_charge as string })).data.map((r) => r.id), [refund.id]);
});

test('refund refusals: no target, a negative amount, a charge of another intent, an unknown intent', async () => {
  const h = harness();
  const pi = await paid(h);
  const other = await paid(h);
  const missing = await rejects(() => h.stripe.refunds.create({}));
  assert.equal(missing.code, 'parameter_missing');
  assert.equal(missing.param, 'charge');
  const negative = await rejects(() => h.stripe.refunds.create({ payment_intent: pi.id, amount: -5 }));
  assert.equal(negative.param, 'amount');
  const mismatch = await rejects(() => h.stripe.refunds.create({ payment_intent: pi.id, charge: other.latest_charge as string }));
  assert.equal(mismatch.param, 'charge');
  const unknown = await rejects(() => h.stripe.refunds.create({ payment_intent: 'pi_nope' }));
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.param, 'payment_intent');
  assert.equal((await h.stripe.charges.retrieve(pi.latest_charge as string)).amount_refunded, 0);
});

test('a declined confirm leaves a failed charge with the decline in its outcome, and emits charge.failed', async () => {
  const h = harness();
  const err = await rejects(async () =>
    h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await browserToken(h.emu, CARDS.declined) }),
  );
  const charge = await h.stripe.charges.retrieve(err.raw.charge);
  assert.equal(charge.status, 'failed');
  assert.equal(charge.paid, false);
  assert.equal(charge.failure_code, 'card_declined');
  assert.equal(charge.outcome?.type, 'issuer_declined');
  assert.equal(charge.payment_method_details?.card?.last4, '0002');
  const events = await h.stripe.events.list({ type: 'charge.failed' });
  assert.equal((events.data[0].data.object as Stripe.Charge).id, charge.id);
  const refused = await rejects(() => h.stripe.refunds.create({ charge: charge.id }));
  assert.equal(refused.statusCode, 400);
});

test('manual capture: charge.succeeded at authorization (captured false), charge.captured at capture', async () => {
  const h = harness();
  const pi = await paid(h, { capture_method: 'manual' });
  let charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
  assert.equal(charge.captured, false);
  assert.equal(charge.amount_captured, 0);
  await h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 600 });
  charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
  assert.equal(charge.amount_captured, 600);
  const captured = await h.stripe.events.list({ type: 'charge.captured' });
  assert.deepEqual(captured.data[0].data.previous_attributes, { amount_captured: 0, captured: false, amount_refunded: 0 });
  // Only what was captured can be refunded: the released 400 already counts as refunded.
  assert.equal(charge.amount_refunded, 400);
  const err = await rejects(() => h.stripe.refunds.create({ payment_intent: pi.id, amount: 601 }));
  assert.equal(err.code, 'amount_too_large');
  assert.equal((await h.stripe.refunds.create({ payment_intent: pi.id })).amount, 600);
  assert.equal((await h.stripe.charges.retrieve(pi.latest_charge as string)).refunded, true);
  assert.equal((await h.stripe.charges.list({ payment_intent: pi.id })).data.length, 1);
});
