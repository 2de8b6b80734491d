// Hostile input that used to reach the database or the emulator: NUL bytes, huge bodies,
// webhook signatures from the future, events of impossible shapes; and what the log may hold.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { format } from 'node:util';
import { SANDBOX_BODY_LIMIT, createSandboxServer, type SandboxServer } from '../../sandbox/wire.ts';
import { createPgliteStore } from '../../server/store/pglite.ts';
import type { Store } from '../../server/store/types.ts';
import { CARDS, attemptId, catalog, checkout, confirmationToken, newSandbox, orderStatus, postJson } from './helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newSandbox(); });
after(() => sandbox.close());

/** Runs `fn` with console.error captured; returns what was logged. */
async function capturingErrors(fn: () => Promise<void>): Promise<string> {
  const original = console.error;
  let logged = '';
  // Formatted as the console formats it: an error object's own fields (query, params) included.
  console.error = (...args: unknown[]) => { logged += `${format(...args)}\n`; };
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return logged;
}

describe('NUL bytes never reach the database', () => {
  for (const path of ['/api/orders/%00', '/api/orders/ord_%00abc', '/api/payments/%00', '/api/payments/pi_%00', '/api/payments/seti_x%00']) {
    test(`GET ${path} is a 404, not a 500`, async () => {
      let response!: Response;
      const logged = await capturingErrors(async () => { response = await sandbox.app.request(path); });
      assert.equal(response.status, 404);
      assert.equal(logged, '', 'nothing unexpected happened');
    });
  }

  test('ids of another shape are refused before any query (a 10 kB id)', async () => {
    assert.equal((await sandbox.app.request(`/api/orders/ord_${'a'.repeat(10_000)}`)).status, 404);
  });

  test('a checkout body with a NUL in any string is a 400, and makes no order', async () => {
    const token = await confirmationToken(sandbox, CARDS.success);
    const attempt = attemptId();
    for (const body of [
      { attemptId: attempt, confirmationTokenId: token, item: 'tshirt', email: 'a\u0000@b.co' },
      { attemptId: attempt, confirmationTokenId: token, item: 'tshirt', extra: { nested: ['x\u0000'] } },
      { attemptId: attempt, confirmationTokenId: token, item: 'tshirt', 'ke\u0000y': 1 },
    ]) {
      const response = await postJson(sandbox, '/api/checkout', body);
      assert.equal(response.status, 400);
      assert.equal((await response.json()).error.code, 'invalid_characters');
    }
    const retried = await postJson(sandbox, '/api/checkout', { attemptId: attempt, confirmationTokenId: token, item: 'tshirt' });
    assert.equal(retried.status, 200, 'the attempt id was never used');
  });
});

describe('unexpected errors are logged without personal data', () => {
  let broken: SandboxServer;
  let store: Store;
  before(async () => {
    store = await createPgliteStore();
    // A driver error as PGlite and pg make them: the query and its parameters ride along.
    const failing = Object.assign(new Error('connection reset'), { code: '08006', query: 'select * from orders where id = $1', params: ['jenny.rosen@example.com'], detail: 'Key (email)=(jenny.rosen@example.com)' });
    broken = await createSandboxServer({ catalog, store: { ...store, findOrder: async () => { throw failing; } } });
  });
  after(() => broken.close());

  test('the log names the error and where it happened, and holds no parameter values', async () => {
    let response!: Response;
    const logged = await capturingErrors(async () => { response = await broken.app.request('/api/orders/ord_abc'); });
    assert.equal(response.status, 500);
    assert.match(logged, /unexpected error on GET \/api\/orders\/ord_abc: \[08006\] Error: connection reset/);
    assert.doesNotMatch(logged, /jenny\.rosen/);
    assert.doesNotMatch(JSON.stringify(await response.json()), /connection reset/, 'the client reads no internals');
  });
});

describe('the mounted emulator reads no body over its limit', () => {
  test(`a POST over ${SANDBOX_BODY_LIMIT / 1024} KiB to /sandbox/stripe/* is refused with 413 before the emulator sees it`, async () => {
    const response = await sandbox.app.request('/sandbox/stripe/v1/payment_intents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.emulator.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `amount=100&currency=usd&description=${'x'.repeat(SANDBOX_BODY_LIMIT)}`,
    });
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error.code, 'body_too_large');
  });

  test('a streamed body (no Content-Length) over the limit is cut off too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const response = await sandbox.app.request('/sandbox/stripe/v1/payment_intents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.emulator.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.ok(sent < 64, `stopped reading after ${sent} of 64 chunks`);
  });
});

describe('webhook signatures and event shapes', () => {
  async function deliver(event: object, timestamp?: number) {
    const payload = JSON.stringify(event);
    const signature = await sandbox.emulator.stripeClient().webhooks.generateTestHeaderStringAsync({ payload, secret: sandbox.webhookSecret, ...(timestamp ? { timestamp } : {}) });
    return sandbox.app.request('/api/webhook', { method: 'POST', headers: { 'Stripe-Signature': signature, 'Content-Type': 'application/json' }, body: payload });
  }
  const base = { object: 'event', api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
  let seq = 0;
  const event = (type: string, rest: object) => ({ ...base, id: `evt_hardening_${++seq}`, type, ...rest });

  test('a signature timestamped an hour ahead is refused; a few seconds ahead (clock skew) is not', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await deliver(event('payment_intent.created', { data: { object: { object: 'payment_intent', id: 'pi_future' } } }), now + 3600);
    assert.equal(future.status, 400);
    assert.equal((await future.json()).error.code, 'signature_invalid');
    const skewed = await deliver(event('payment_intent.created', { data: { object: { object: 'payment_intent', id: 'pi_skewed' } } }), now + 30);
    assert.equal(skewed.status, 200);
  });

  test('a signed event with data.object null, or with no data, is acknowledged (200), not a 500', async () => {
    assert.equal((await deliver(event('payment_intent.succeeded', { data: { object: null } }))).status, 200);
    assert.equal((await deliver(event('payment_intent.succeeded', {}))).status, 200);
  });

  test('an order id paired with another order\'s PaymentIntent pays neither twice, and is no 500', async () => {
    const paid = await (await checkout(sandbox, CARDS.success)).json();
    const pending = await (await checkout(sandbox, CARDS.threeDS)).json();
    assert.equal(await orderStatus(sandbox, paid.orderId), 'paid');
    const intent = await sandbox.emulator.stripeClient().paymentIntents.retrieve(paid.paymentIntentId);
    const crossed = await deliver(event('payment_intent.succeeded', { data: { object: { ...intent, metadata: { order_id: pending.orderId } } } }));
    assert.equal(crossed.status, 200, `got ${crossed.status}`);
    assert.equal(await orderStatus(sandbox, pending.orderId), 'pending', 'another order\'s payment does not pay this one');
  });

  test('ids that are not strings (id: 42, metadata.order_id: 7, subscription: 5, id: null) are acknowledged, not a 500', async () => {
    const statuses = await Promise.all([
      deliver(event('payment_intent.succeeded', { data: { object: { object: 'payment_intent', id: 42, metadata: { order_id: 7 } } } })),
      deliver(event('invoice.paid', { data: { object: { object: 'invoice', id: 'in_1', parent: { subscription_details: { subscription: 5 } } } } })),
      deliver(event('customer.subscription.deleted', { data: { object: { object: 'subscription', id: null } } })),
    ]).then((responses) => responses.map((r) => r.status));
    assert.deepEqual(statuses, [200, 200, 200]);
  });
});
