import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { fromStripeError } from '../../server/errors.ts';
import { CARDS, attemptId, confirmationToken, newSandbox, postJson } from './helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newSandbox(); });
after(() => sandbox.close());

async function intentsOfOrder(orderId: string) {
  const intents = await sandbox.emulator.stripeClient().paymentIntents.list({ limit: 100 });
  return intents.data.filter((pi) => pi.metadata?.order_id === orderId);
}

describe('no lost payments and no double charges when the network fails', () => {
  test("a Stripe answer lost on the way back is retried with the same idempotency key: one payment", async () => {
    sandbox.emulator.faults.set({ route: 'POST /v1/payment_intents', kind: 'timeout', times: 1 });
    try {
      const token = await confirmationToken(sandbox, CARDS.success);
      const response = await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, item: 'tshirt' });
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.status, 'succeeded');
      assert.equal((await intentsOfOrder(body.orderId)).length, 1);
    } finally {
      sandbox.emulator.faults.clear();
    }
  });

  test('Stripe unreachable: a 502 the widget may retry, and the retried attempt charges once', async () => {
    const token = await confirmationToken(sandbox, CARDS.success);
    const request = { attemptId: attemptId(), confirmationTokenId: token, item: 'tshirt' };
    sandbox.emulator.faults.set({ route: 'POST /v1/payment_intents', kind: 'drop' });
    let failed: Response;
    try {
      failed = await postJson(sandbox, '/api/checkout', request);
    } finally {
      sandbox.emulator.faults.clear();
    }
    assert.equal(failed.status, 502);
    assert.deepEqual(Object.keys((await failed.json()).error).sort(), ['code', 'message', 'type']);

    const retried = await postJson(sandbox, '/api/checkout', request);
    assert.equal(retried.status, 200);
    const body = await retried.json();
    assert.equal((await intentsOfOrder(body.orderId)).length, 1);
  });

  test('a request still in flight at Stripe is reported as in progress (409), not as a failure', () => {
    const error = fromStripeError({ type: 'StripeInvalidRequestError', code: 'idempotency_key_in_use', message: 'in use' });
    assert.deepEqual([error.status, error.type, error.code], [409, 'idempotency_error', 'attempt_in_progress']);
  });
});
