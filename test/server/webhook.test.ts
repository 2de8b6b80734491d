import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { CARDS, checkout, newSandbox, orderStatus } from './helpers.ts';

let sandbox: SandboxServer;
// Well formed, but not the secret the server trusts.
const otherSecret = `whsec_${Buffer.from('not the endpoint secret').toString('base64')}`;
before(async () => { sandbox = await newSandbox(); });
after(() => sandbox.close());

/** Posts an event to the server's webhook, signed the way Stripe signs (or with the wrong secret). */
async function deliver(event: object, signWith: string, timestamp?: number) {
  const payload = JSON.stringify(event);
  const stripe = sandbox.emulator.stripeClient();
  const signature = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: signWith, ...(timestamp ? { timestamp } : {}) });
  return sandbox.app.request('/api/webhook', { method: 'POST', headers: { 'Stripe-Signature': signature, 'Content-Type': 'application/json' }, body: payload });
}

async function paidOrder() {
  const body = await (await checkout(sandbox, CARDS.success)).json();
  assert.equal(await orderStatus(sandbox, body.orderId), 'paid');
  const intent = await sandbox.emulator.stripeClient().paymentIntents.retrieve(body.paymentIntentId);
  return { orderId: body.orderId as string, intent };
}

function event(id: string, type: string, object: object) {
  return { id, object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), livemode: false, data: { object }, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
}

describe('POST /api/webhook', () => {
  test('a replayed event is applied once', async () => {
    const { orderId, intent } = await paidOrder();
    const failed = event('evt_replay_1', 'payment_intent.payment_failed', { ...intent, status: 'requires_payment_method' });
    const first = await deliver(failed, sandbox.webhookSecret);
    assert.equal(first.status, 200);
    assert.equal((await first.json()).duplicate, false);
    // The order was paid; a failure event must not unpay it, and a replay changes nothing either.
    assert.equal(await orderStatus(sandbox, orderId), 'paid');
    await sandbox.store.updateOrder(orderId, { status: 'pending' }, 'test');
    const replay = await deliver(failed, sandbox.webhookSecret);
    assert.equal(replay.status, 200);
    assert.equal((await replay.json()).duplicate, true);
    assert.equal(await orderStatus(sandbox, orderId), 'pending', 'the replay was not applied again');
  });

  test('a success for another amount than the server priced is not marked paid, but held for review', async () => {
    const body = await (await checkout(sandbox, CARDS.threeDS)).json();
    const intent = await sandbox.emulator.stripeClient().paymentIntents.retrieve(body.paymentIntentId);
    const underpaid = { ...intent, status: 'succeeded', amount: 1, amount_received: 1 };
    const response = await deliver(event('evt_underpaid_1', 'payment_intent.succeeded', underpaid), sandbox.webhookSecret);
    assert.equal(response.status, 200);
    assert.equal(await orderStatus(sandbox, body.orderId), 'needs_review');
  });

  test('an event signed with another secret is refused with 400', async () => {
    const { intent } = await paidOrder();
    const response = await deliver(event('evt_forged_1', 'payment_intent.succeeded', intent), otherSecret);
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.code, 'signature_invalid');
  });

  test('a tampered payload is refused with 400', async () => {
    const { intent } = await paidOrder();
    const payload = JSON.stringify(event('evt_tampered_1', 'payment_intent.succeeded', intent));
    const signature = await sandbox.emulator.stripeClient().webhooks.generateTestHeaderStringAsync({ payload, secret: sandbox.webhookSecret });
    const response = await sandbox.app.request('/api/webhook', { method: 'POST', headers: { 'Stripe-Signature': signature }, body: payload.replace('"livemode":false', '"livemode":true') });
    assert.equal(response.status, 400);
  });

  test('a signature older than the tolerance is refused with 400', async () => {
    const { intent } = await paidOrder();
    const response = await deliver(event('evt_stale_1', 'payment_intent.succeeded', intent), sandbox.webhookSecret, Math.floor(Date.now() / 1000) - 3600);
    assert.equal(response.status, 400);
  });
});
