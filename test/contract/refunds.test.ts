/**
 * Refunds the merchant's admin side makes through the official SDK: full and partial refunds of a
 * PaymentIntent, what Stripe refuses, the events it sends and idempotent replays.
 * Sources: the SDK's refunds.create doc (stripe@23 Refunds.d.ts: a charge can be refunded in parts
 * until nothing is left; refunding an already-refunded charge or more than is left raises an
 * error), docs.stripe.com/api/refunds/create, docs.stripe.com/error-codes (charge_already_refunded,
 * amount_too_large).
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { TEST_PM, contractCase, createTarget, eventFor, idempotencyKey, rejection } from './target.ts';
import { confirmedPaymentIntent } from './fixtures.ts';

const target = createTarget();
const { stripe } = target;
const REFUNDS_DOC = 'docs.stripe.com/api/refunds/create; stripe@23 Refunds.d.ts (refunds.create)';

const chargeOf = async (pi: Stripe.PaymentIntent) => stripe.charges.retrieve(pi.latest_charge as string);

contractCase(
  'a full refund of a succeeded PaymentIntent succeeds; its charge is refunded; retrieve and list by payment_intent find it',
  REFUNDS_DOC,
  async () => {
    const pi = await confirmedPaymentIntent(target, TEST_PM.visa);
    const refund = await stripe.refunds.create({ payment_intent: pi.id, reason: 'requested_by_customer', metadata: { order_id: 'o_1' } });
    assert.match(refund.id, /^re_/);
    assert.equal(refund.object, 'refund');
    assert.equal(refund.amount, pi.amount);
    assert.equal(refund.currency, 'usd');
    assert.equal(refund.status, 'succeeded');
    assert.equal(refund.payment_intent, pi.id);
    assert.equal(refund.charge, pi.latest_charge);
    assert.equal(refund.reason, 'requested_by_customer');
    assert.equal(refund.metadata?.order_id, 'o_1');
    const charge = await chargeOf(pi);
    assert.equal(charge.amount_refunded, pi.amount);
    assert.equal(charge.refunded, true);
    assert.equal((await stripe.refunds.retrieve(refund.id)).amount, pi.amount);
    const listed = await stripe.refunds.list({ payment_intent: pi.id });
    assert.deepEqual(listed.data.map((r) => r.id), [refund.id]);
    // The PaymentIntent itself keeps its status: refunds live on the charge.
    assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'succeeded');
  },
);

contractCase(
  'partial refunds add up until nothing is left; more than is left is 400 amount_too_large, a fully refunded charge 400 charge_already_refunded',
  `${REFUNDS_DOC}; docs.stripe.com/error-codes (amount_too_large, charge_already_refunded)`,
  async () => {
    const pi = await confirmedPaymentIntent(target, TEST_PM.visa, { amount: 1000 });
    await stripe.refunds.create({ payment_intent: pi.id, amount: 300 });
    let charge = await chargeOf(pi);
    assert.equal(charge.amount_refunded, 300);
    assert.equal(charge.refunded, false, 'a partly refunded charge is not `refunded`');
    const tooMuch = await rejection(() => stripe.refunds.create({ payment_intent: pi.id, amount: 701 }));
    assert.equal(tooMuch.statusCode, 400);
    assert.equal(tooMuch.rawType, 'invalid_request_error');
    // Uncertain: that Stripe names this `amount_too_large` (its error-code list documents the code
    // for amounts over the maximum allowed); the sandbox does.
    assert.equal(tooMuch.code, 'amount_too_large');
    const rest = await stripe.refunds.create({ payment_intent: pi.id });
    assert.equal(rest.amount, 700, 'without amount, the rest is refunded');
    charge = await chargeOf(pi);
    assert.equal(charge.amount_refunded, 1000);
    assert.equal(charge.refunded, true);
    const again = await rejection(() => stripe.refunds.create({ payment_intent: pi.id }));
    assert.equal(again.statusCode, 400);
    assert.equal(again.code, 'charge_already_refunded');
    assert.equal((await stripe.refunds.list({ payment_intent: pi.id })).data.length, 2);
  },
);

contractCase(
  'an uncaptured (requires_capture) or canceled PaymentIntent cannot be refunded (400 invalid_request_error); nothing is refunded',
  `${REFUNDS_DOC}; docs.stripe.com/payments/place-a-hold-on-a-payment-method (cancel releases an authorization)`,
  async () => {
    const held = await confirmedPaymentIntent(target, TEST_PM.visa, { capture_method: 'manual' });
    assert.equal(held.status, 'requires_capture');
    const uncaptured = await rejection(() => stripe.refunds.create({ payment_intent: held.id }));
    assert.equal(uncaptured.statusCode, 400);
    assert.equal(uncaptured.rawType, 'invalid_request_error');
    const canceled = await stripe.paymentIntents.cancel((await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' })).id);
    const none = await rejection(() => stripe.refunds.create({ payment_intent: canceled.id }));
    assert.equal(none.statusCode, 400);
    assert.equal(none.rawType, 'invalid_request_error');
    assert.equal((await stripe.refunds.list({ payment_intent: held.id })).data.length, 0);
  },
);

contractCase(
  'a refund emits refund.created (the Refund) and charge.refunded (the Charge, naming its payment_intent)',
  'stripe@23 types: RefundCreatedEvent, ChargeRefundedEvent ("occurs whenever a charge is refunded, including partial refunds")',
  async () => {
    const pi = await confirmedPaymentIntent(target, TEST_PM.visa);
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
    const created = await eventFor(target, 'refund.created', (r: Stripe.Refund) => r.id === refund.id);
    assert.equal((created.data.object as Stripe.Refund).amount, 100);
    const refunded = await eventFor(target, 'charge.refunded', (c: Stripe.Charge) => c.payment_intent === pi.id);
    const charge = refunded.data.object as Stripe.Charge;
    assert.equal(charge.id, pi.latest_charge);
    assert.equal(charge.amount_refunded, 100);
  },
);

contractCase(
  'a refund retried with the same Idempotency-Key returns the same refund and refunds once',
  'docs.stripe.com/api/idempotent_requests (the first result is saved and returned for retries with the key)',
  async () => {
    const pi = await confirmedPaymentIntent(target, TEST_PM.visa, { amount: 1000 });
    const key = idempotencyKey();
    const first = await stripe.refunds.create({ payment_intent: pi.id, amount: 400 }, { idempotencyKey: key });
    const retry = await stripe.refunds.create({ payment_intent: pi.id, amount: 400 }, { idempotencyKey: key });
    assert.equal(retry.id, first.id);
    assert.equal((await chargeOf(pi)).amount_refunded, 400);
    assert.equal((await stripe.refunds.list({ payment_intent: pi.id })).data.length, 1);
  },
);
