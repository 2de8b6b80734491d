import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { CARDS, attemptId, checkout, confirmationToken, newSandbox, orderStatus, postJson } from './helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newSandbox(); });
after(() => sandbox.close());

describe('POST /api/checkout', () => {
  test('4242 succeeds, and the webhook marks the order paid', async () => {
    const response = await checkout(sandbox, CARDS.success);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.status, 'succeeded');
    assert.match(body.orderId, /^ord_/);
    assert.match(body.paymentIntentId, /^pi_/);
    assert.match(body.clientSecret, /^pi_.+_secret_/);
    assert.equal(await orderStatus(sandbox, body.orderId), 'paid');
  });

  test('the 3DS card answers requires_action, and the order waits for the webhook', async () => {
    const response = await checkout(sandbox, CARDS.threeDS);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.status, 'requires_action');
    assert.equal(await orderStatus(sandbox, body.orderId), 'pending');

    const auth = await sandbox.app.request(`/sandbox/stripe/_sandbox/3ds/${body.paymentIntentId}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: body.clientSecret, outcome: 'complete' }),
    });
    assert.equal(auth.status, 200);
    assert.equal(await orderStatus(sandbox, body.orderId), 'paid');
  });

  test('a decline is a 402 card_error the customer can read, and the order is failed', async () => {
    const response = await checkout(sandbox, CARDS.declined);
    assert.equal(response.status, 402);
    const { error } = await response.json();
    assert.equal(error.type, 'card_error');
    assert.equal(error.code, 'card_declined');
    assert.equal(error.decline_code, 'generic_decline');
    assert.ok(error.message.length > 0);
  });

  test('an unknown item is refused with 400 before anything is charged', async () => {
    const response = await checkout(sandbox, CARDS.success, { item: 'yacht' });
    assert.equal(response.status, 400);
    const { error } = await response.json();
    assert.deepEqual([error.type, error.code, error.param], ['invalid_request_error', 'unknown_item', 'item']);
  });

  test('an amount or currency sent by the browser is ignored: the catalog price is charged', async () => {
    const response = await checkout(sandbox, CARDS.success, { amount: 1, currency: 'jpy', price: 1 });
    assert.equal(response.status, 200);
    const { paymentIntentId } = await response.json();
    const intent = await sandbox.emulator.stripeClient().paymentIntents.retrieve(paymentIntentId);
    assert.equal(intent.amount, 2500);
    assert.equal(intent.currency, 'usd');
  });

  test('a retried attempt returns the same order and payment, and charges once', async () => {
    const token = await confirmationToken(sandbox, CARDS.success);
    const request = { attemptId: attemptId(), confirmationTokenId: token, item: 'mug' };
    const first = await (await postJson(sandbox, '/api/checkout', request)).json();
    const second = await (await postJson(sandbox, '/api/checkout', request)).json();
    assert.equal(second.orderId, first.orderId);
    assert.equal(second.paymentIntentId, first.paymentIntentId);
    const intents = await sandbox.emulator.stripeClient().paymentIntents.list({ limit: 100 });
    assert.equal(intents.data.filter((pi) => pi.metadata?.order_id === first.orderId).length, 1);
  });

  test('two concurrent requests of one attempt make one payment', async () => {
    const token = await confirmationToken(sandbox, CARDS.success);
    const request = { attemptId: attemptId(), confirmationTokenId: token, item: 'tshirt' };
    const responses = await Promise.all([postJson(sandbox, '/api/checkout', request), postJson(sandbox, '/api/checkout', request)]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    for (const [i, response] of responses.entries()) {
      // Either the replayed answer, or "still in progress" (409), which the widget retries.
      if (response.status !== 200) assert.deepEqual([response.status, bodies[i].error.code], [409, 'attempt_in_progress']);
    }
    const orderIds = new Set(bodies.filter((b) => b.orderId).map((b) => b.orderId));
    assert.equal(orderIds.size, 1);
    const [orderId] = orderIds;
    const intents = await sandbox.emulator.stripeClient().paymentIntents.list({ limit: 100 });
    assert.equal(intents.data.filter((pi) => pi.metadata?.order_id === orderId).length, 1);
  });

  test('an attempt id reused for another item is refused', async () => {
    const id = attemptId();
    const token = await confirmationToken(sandbox, CARDS.success);
    assert.equal((await postJson(sandbox, '/api/checkout', { attemptId: id, confirmationTokenId: token, item: 'mug' })).status, 200);
    const reused = await postJson(sandbox, '/api/checkout', { attemptId: id, confirmationTokenId: token, item: 'tshirt' });
    assert.equal(reused.status, 409);
    assert.equal((await reused.json()).error.type, 'idempotency_error');
  });
});
