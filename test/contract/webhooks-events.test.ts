/**
 * Webhook signatures (verified with the SDK's constructEventAsync, as server/ does), events that
 * the sandbox delivers to a local endpoint, and the Events API after a payment.
 *
 * Signature scheme: `Stripe-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<raw body>">`,
 * rejected when `t` is further than the tolerance (SDK default 300 s: `stripe.webhooks.DEFAULT_TOLERANCE`
 * in stripe@23 Webhooks.js) from now. The SDK-side cases need no network and run on both targets.
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { TEST_PM, confirmationToken, contractCase, eventFor, eventually, rejection, requireEmulator, sandboxAuthenticate } from './target.ts';
import { webhookRecorder } from './webhook-recorder.ts';
import { confirmedPaymentIntent } from './fixtures.ts';

const { target, deliveries, scriptedAnswers, localEndpoint, deliveredEvents } = webhookRecorder();
const { stripe } = target;
const meta = { contract_run: target.runId };

const SIGNATURES = 'stripe@23 Webhooks.js (constructEventAsync, DEFAULT_TOLERANCE 300 s); seed 000 § Handle post-payment events';
const SECRET = 'whsec_contract_suite_test_secret';
const samplePayload = () =>
  JSON.stringify({ id: 'evt_contract_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_contract_1', object: 'payment_intent' } } }, null, 2);
const nowSeconds = () => Math.floor(Date.now() / 1000);

contractCase('webhook signature: a correctly signed payload verifies and parses to the event', SIGNATURES, async () => {
  const payload = samplePayload();
  const header = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET });
  const event = await stripe.webhooks.constructEventAsync(payload, header, SECRET);
  assert.equal(event.id, 'evt_contract_1');
  assert.equal(event.type, 'payment_intent.succeeded');
});

contractCase('webhook signature: a tampered payload is rejected (StripeSignatureVerificationError)', SIGNATURES, async () => {
  const payload = samplePayload();
  const header = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET });
  const tampered = payload.replace('pi_contract_1', 'pi_contract_2');
  await assert.rejects(stripe.webhooks.constructEventAsync(tampered, header, SECRET), { type: 'StripeSignatureVerificationError' });
});

contractCase('webhook signature: a payload signed with another endpoint secret is rejected', SIGNATURES, async () => {
  const payload = samplePayload();
  const header = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: 'whsec_some_other_endpoint' });
  await assert.rejects(stripe.webhooks.constructEventAsync(payload, header, SECRET), { type: 'StripeSignatureVerificationError' });
});

contractCase(
  'webhook signature: a timestamp older than the default 300 s tolerance is rejected; one inside it verifies',
  SIGNATURES,
  async () => {
    assert.equal(stripe.webhooks.DEFAULT_TOLERANCE, 300);
    const payload = samplePayload();
    const stale = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET, timestamp: nowSeconds() - 301 });
    await assert.rejects(stripe.webhooks.constructEventAsync(payload, stale, SECRET), (err: Error & { type?: string }) => {
      assert.equal(err.type, 'StripeSignatureVerificationError');
      assert.match(err.message, /tolerance/i);
      return true;
    });
    const recent = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: SECRET, timestamp: nowSeconds() - 240 });
    const event = await stripe.webhooks.constructEventAsync(payload, recent, SECRET);
    assert.equal(event.id, 'evt_contract_1');
  },
);

contractCase(
  'sandbox deliveries are signed for the endpoint secret: payment_intent.succeeded / amount_capturable_updated / canceled / payment_failed verify with constructEventAsync',
  'seed 000 § Handle post-payment events (payment_intent.succeeded, payment_intent.payment_failed); seed 000 § Separate authorization and capture',
  async () => {
    const endpoint = localEndpoint('/api/stripe/webhook');
    assert.match(endpoint.secret, /^whsec_/);

    const paid = await confirmedPaymentIntent(target, TEST_PM.visa);
    const held = await confirmedPaymentIntent(target, TEST_PM.visa, { capture_method: 'manual' });
    await stripe.paymentIntents.cancel(held.id);
    const declinedToken = await confirmationToken(target, TEST_PM.chargeDeclined);
    const declined = await rejection(() =>
      stripe.paymentIntents.create({
        amount: 1099,
        currency: 'usd',
        confirm: true,
        confirmation_token: declinedToken.id,
        metadata: meta,
      }),
    );
    const failedId = declined.payment_intent!.id;

    const [succeeded] = await deliveredEvents(endpoint, 'payment_intent.succeeded', paid.id);
    assert.ok(succeeded, 'payment_intent.succeeded delivered');
    assert.equal((succeeded.data.object as Stripe.PaymentIntent).status, 'succeeded');
    assert.match(succeeded.id, /^evt_/);
    assert.equal(succeeded.object, 'event');
    assert.equal(succeeded.livemode, false);
    assert.equal((await deliveredEvents(endpoint, 'payment_intent.amount_capturable_updated', held.id)).length, 1);
    assert.equal((await deliveredEvents(endpoint, 'payment_intent.canceled', held.id)).length, 1);
    const [failed] = await deliveredEvents(endpoint, 'payment_intent.payment_failed', failedId);
    assert.ok(failed, 'payment_intent.payment_failed delivered');
    assert.equal((failed.data.object as Stripe.PaymentIntent).last_payment_error?.decline_code, 'generic_decline');

    // Another endpoint's secret does not verify these deliveries.
    await assert.rejects(stripe.webhooks.constructEventAsync(deliveries[0].body, deliveries[0].signature!, 'whsec_not_this_endpoint'), {
      type: 'StripeSignatureVerificationError',
    });
  },
  { sandboxOnly: 'delivering to a local endpoint needs the sandbox; real Stripe delivers to a public URL registered in the Dashboard' },
);

contractCase(
  'sandbox delivers setup_intent.succeeded and setup_intent.setup_failed, and payment_intent.succeeded after a completed 3DS challenge',
  'seed 001 § Set up future Link payments (SetupIntent succeeds); stripe@23 types (Event types setup_intent.succeeded / setup_intent.setup_failed); seed 000 § Card authentication and 3D Secure',
  async () => {
    const endpoint = localEndpoint('/api/stripe/webhook-2');
    const cus = await stripe.customers.create({ email: `setup+${target.runId}@example.com` });
    const si = await stripe.setupIntents.create({
      customer: cus.id,
      confirm: true,
      confirmation_token: (await confirmationToken(target, TEST_PM.visa)).id,
      usage: 'off_session',
    });
    assert.equal((await deliveredEvents(endpoint, 'setup_intent.succeeded', si.id)).length, 1);

    const failing = await stripe.setupIntents.create({ customer: cus.id });
    await rejection(async () =>
      stripe.setupIntents.confirm(failing.id, { confirmation_token: (await confirmationToken(target, TEST_PM.chargeDeclined)).id }),
    );
    const [setupFailed] = await deliveredEvents(endpoint, 'setup_intent.setup_failed', failing.id);
    assert.ok(setupFailed, 'setup_intent.setup_failed delivered');
    assert.equal((setupFailed.data.object as Stripe.SetupIntent).last_setup_error?.code, 'card_declined');

    const pi = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      confirm: true,
      confirmation_token: (await confirmationToken(target, TEST_PM.threeDSecure2Required)).id,
    });
    assert.equal(pi.status, 'requires_action');
    await sandboxAuthenticate(target, pi, 'complete');
    assert.equal((await deliveredEvents(endpoint, 'payment_intent.succeeded', pi.id)).length, 1);
  },
  { sandboxOnly: 'delivering to a local endpoint and completing 3DS need the sandbox' },
);

contractCase(
  'Events API: after a payment, events.list({type: payment_intent.succeeded}) holds an event for the intent, and events.retrieve returns it',
  'seed 000 § Handle post-payment events (Stripe sends payment_intent.succeeded); stripe@23 types: events.list / events.retrieve',
  async () => {
    const pi = await confirmedPaymentIntent(target, TEST_PM.visa);
    const event = await eventually(async () => {
      const list = await stripe.events.list({ type: 'payment_intent.succeeded', limit: 50 });
      assert.equal(list.object, 'list');
      return list.data.find((e) => (e.data.object as { id?: string }).id === pi.id);
    }, 'the payment_intent.succeeded event');
    assert.match(event.id, /^evt_/);
    const fetched = await stripe.events.retrieve(event.id);
    assert.equal(fetched.id, event.id);
    assert.equal(fetched.type, 'payment_intent.succeeded');
    const object = fetched.data.object as Stripe.PaymentIntent;
    assert.equal(object.id, pi.id);
    assert.equal(object.status, 'succeeded');
    assert.equal(object.metadata.contract_run, target.runId);
  },
);

contractCase(
  'Events API: a payment also emits charge.succeeded for its charge',
  'seed 000 § Handle post-payment events; stripe@23 types (Event type charge.succeeded)',
  async () => {
    const pi = await confirmedPaymentIntent(target, TEST_PM.visa);
    const event = await eventFor(target, 'charge.succeeded', (c: Stripe.Charge) => c.payment_intent === pi.id);
    const charge = event.data.object as Stripe.Charge;
    assert.equal(charge.id, pi.latest_charge);
    assert.equal(charge.amount, pi.amount);
    assert.equal(charge.status, 'succeeded');
    assert.equal(charge.paid, true);
    assert.equal(charge.captured, true);
  },
);

/** A paid PaymentIntent (pm_card_visa). */
function paidIntent(): Promise<Stripe.PaymentIntent> {
  return confirmedPaymentIntent(target, TEST_PM.visa);
}

function endpointFor(path: string) {
  return localEndpoint(path, { enabledEvents: ['payment_intent.succeeded'] });
}

contractCase(
  'a delivery the endpoint fails (non-2xx) is retried until it is acknowledged; the event then has pending_webhooks 0',
  'docs.stripe.com/webhooks/process-undelivered-events (Stripe resends undelivered events automatically, for up to three days; the sandbox compresses the schedule to ms)',
  async () => {
    const endpoint = endpointFor('/hooks/retry');
    scriptedAnswers.set(endpoint.url, [500, 503]);
    const pi = await paidIntent();
    await requireEmulator(target).webhooksIdle();
    const mine = deliveries.filter((d) => d.url === endpoint.url);
    assert.deepEqual(
      mine.map((d) => d.status),
      [500, 503, 200],
    );
    const events = await Promise.all(mine.map((d) => stripe.webhooks.constructEventAsync(d.body, d.signature!, endpoint.secret)));
    assert.equal(new Set(events.map((e) => e.id)).size, 1, 'every attempt carries the same event');
    assert.equal((events[0].data.object as Stripe.PaymentIntent).id, pi.id);
    const stored = await stripe.events.retrieve(events[0].id);
    assert.equal(stored.pending_webhooks, 0);
  },
  { sandboxOnly: 'needs a local endpoint that fails on purpose; real Stripe retries over hours or days' },
);

contractCase(
  'the same event can be delivered twice (same event id, each copy validly signed): receivers must dedupe on event.id',
  'docs.stripe.com/webhooks/process-undelivered-events (resends); Stripe webhook best practices on duplicate events (not re-confirmed here: uncertain wording, behaviour widely documented)',
  async () => {
    const emulator = requireEmulator(target);
    const endpoint = endpointFor('/hooks/duplicate');
    emulator.webhookControls.next({ duplicate: true }, { type: 'payment_intent.succeeded', endpointId: endpoint.id });
    const pi = await paidIntent();
    const copies = await deliveredEvents(endpoint, 'payment_intent.succeeded', pi.id);
    assert.equal(copies.length, 2);
    assert.equal(copies[0].id, copies[1].id);
  },
  { sandboxOnly: 'duplicating a delivery on demand is a sandbox control; real Stripe duplicates only occasionally' },
);

contractCase(
  'a delayed delivery arrives after the API call that caused it has answered',
  'seed 000 § Handle post-payment events (listen for events rather than waiting on a client callback)',
  async () => {
    const emulator = requireEmulator(target);
    const endpoint = endpointFor('/hooks/delay');
    emulator.webhookControls.next({ delayMs: 50 }, { endpointId: endpoint.id });
    const pi = await paidIntent();
    assert.equal(deliveries.filter((d) => d.url === endpoint.url).length, 0, 'nothing delivered yet when the API answers');
    assert.equal((await deliveredEvents(endpoint, 'payment_intent.succeeded', pi.id)).length, 1);
  },
  { sandboxOnly: 'delaying a delivery on demand is a sandbox control' },
);

contractCase(
  'an undelivered event stays listed: events.list({delivery_success: false}) returns it for manual processing',
  'docs.stripe.com/webhooks/process-undelivered-events (list events whose delivery did not succeed); stripe@23 types: EventListParams.delivery_success',
  async () => {
    const emulator = requireEmulator(target);
    const endpoint = endpointFor('/hooks/drop');
    emulator.webhookControls.next({ drop: true }, { endpointId: endpoint.id });
    const pi = await paidIntent();
    assert.equal((await deliveredEvents(endpoint, 'payment_intent.succeeded', pi.id)).length, 0, 'dropped');
    const undelivered = await stripe.events.list({ delivery_success: false, type: 'payment_intent.succeeded', limit: 20 });
    const event = undelivered.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === pi.id);
    assert.ok(event, 'the undelivered event is listed');
    assert.ok(event.pending_webhooks > 0);
  },
  { sandboxOnly: 'dropping a delivery on demand is a sandbox control' },
);
