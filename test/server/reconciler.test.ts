import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSandboxServer, type SandboxServer } from '../../sandbox/wire.ts';
import { createReconciler } from '../../server/reconciler.ts';
import { createPgliteStore } from '../../server/store/pglite.ts';
import type { Store } from '../../server/store/types.ts';
import { CARDS, attemptId, catalog, confirmationToken, postJson } from './helpers.ts';

/** A store whose chosen calls fail while `failing` says so: our side of a lost webhook or a crash. */
async function flakyStore(failing: { events?: boolean; checkoutWrite?: boolean }): Promise<Store> {
  const store = await createPgliteStore();
  return {
    ...store,
    processEventOnce: (...args) => (failing.events ? Promise.reject(new Error('store down')) : store.processEventOnce(...args)),
    updateOrder: (id, patch, cause) =>
      failing.checkoutWrite && cause === 'checkout' && patch.paymentIntentId ? Promise.reject(new Error('crashed before the write')) : store.updateOrder(id, patch, cause),
  };
}

async function checkoutOf(sandbox: SandboxServer, card: string, request: Record<string, unknown> = { item: 'tshirt' }) {
  const token = await confirmationToken(sandbox, card);
  const response = await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, ...request });
  return { status: response.status, body: (await response.json()) as any };
}

const ordersOf = (store: Store) => store.listOrders({ limit: 100 });

describe('the reconciler: orders converge without webhooks', () => {
  test('a dropped webhook: reading the order asks Stripe, through the apply-once path', async () => {
    const sandbox = await createSandboxServer({ catalog });
    sandbox.emulator.webhookControls.next({ drop: true }, { type: 'payment_intent.succeeded' });
    const { body } = await checkoutOf(sandbox, CARDS.success);
    await sandbox.emulator.webhooksIdle();
    assert.equal((await sandbox.store.findOrder(body.orderId))?.status, 'pending', 'the webhook was dropped');
    const reconciler = createReconciler({ stripe: sandbox.emulator.stripeClient(), store: sandbox.store }, { minAgeMs: 0 });
    const order = await reconciler.order((await sandbox.store.findOrder(body.orderId))!);
    assert.equal(order.status, 'paid');
    const history = await sandbox.store.orderHistory(body.orderId);
    assert.match(history.at(-1)!.cause, /^payment_intent\.succeeded reconcile_pi_/);
    await sandbox.close();
  });

  test('every delivery failing: the sweep applies the missed events once, and a late webhook is a duplicate', async () => {
    const failing = { events: true };
    const sandbox = await createSandboxServer({ catalog, store: await flakyStore(failing) });
    const paid = await checkoutOf(sandbox, CARDS.success);
    const setup = await checkoutOf(sandbox, CARDS.success, { mode: 'setup' });
    const authorized = await checkoutOf(sandbox, CARDS.success, { item: 'mug', capture: 'manual' });
    await sandbox.emulator.webhooksIdle();
    const attempts = sandbox.emulator.webhookAttempts();
    assert.ok(attempts.length >= 4 && attempts.every((a) => a.status !== 200), 'every delivery was refused');
    failing.events = false;
    const reconciler = createReconciler({ stripe: sandbox.emulator.stripeClient(), store: sandbox.store });
    const report = await reconciler.sweep();
    assert.ok(report.applied >= 3, JSON.stringify(report));
    const status = async (id: string) => (await sandbox.store.findOrder(id))?.status;
    assert.deepEqual([await status(paid.body.orderId), await status(setup.body.orderId), await status(authorized.body.orderId)], ['paid', 'saved', 'authorized']);
    const again = await reconciler.sweep();
    assert.equal(again.applied, 0, 'a second sweep applies nothing twice');
    await sandbox.close();
  });

  test('a crash between Stripe\'s answer and the store write: the order is found by its metadata and converges', async () => {
    const failing = { checkoutWrite: true };
    const sandbox = await createSandboxServer({ catalog, store: await flakyStore(failing) });
    sandbox.emulator.webhookControls.next({ drop: true }, { type: 'payment_intent.*' });
    sandbox.emulator.webhookControls.next({ drop: true }, { type: 'payment_intent.*' });
    const { status } = await checkoutOf(sandbox, CARDS.success);
    assert.equal(status, 500, 'the server fell over after Stripe charged');
    failing.checkoutWrite = false;
    await sandbox.emulator.webhooksIdle();
    const [order] = (await ordersOf(sandbox.store)).orders;
    assert.equal(order!.paymentIntentId, null, 'the store never learned the payment');
    await createReconciler({ stripe: sandbox.emulator.stripeClient(), store: sandbox.store }).sweep();
    const after = (await sandbox.store.findOrder(order!.id))!;
    assert.deepEqual([after.status, after.paymentIntentId?.startsWith('pi_')], ['paid', true]);
    await sandbox.close();
  });

  test('junk attempts do not pile up: refused before reaching Stripe, nothing is kept; old unknown rows expire', async () => {
    const sandbox = await createSandboxServer({ catalog });
    for (let i = 0; i < 5; i++) {
      const response = await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: `ctoken_madeup${i}`, item: 'tshirt', email: `junk${i}@example.com` });
      assert.equal(response.status, 400);
    }
    assert.deepEqual((await ordersOf(sandbox.store)).orders, []);

    const { order } = await sandbox.store.createOrder({ attemptId: 'attempt-crashed-early', mode: 'payment', priceRule: 'catalog', item: 'mug', name: 'Mug', amount: 1200, currency: 'usd', interval: null, email: null, captureMethod: 'automatic' });
    const later = createReconciler({ stripe: sandbox.emulator.stripeClient(), store: sandbox.store }, { now: () => Date.now() + 25 * 3600_000 });
    const report = await later.sweep();
    assert.equal(report.expired, 1);
    assert.equal((await sandbox.store.findOrder(order.id))?.status, 'canceled');
    await sandbox.close();
  });

  test('reading an order right after checkout does not call Stripe; a fresh order is left to its webhook', async () => {
    const sandbox = await createSandboxServer({ catalog });
    sandbox.emulator.webhookControls.next({ drop: true }, { type: 'payment_intent.succeeded' });
    const { body } = await checkoutOf(sandbox, CARDS.success);
    const reconciler = createReconciler({ stripe: sandbox.emulator.stripeClient(), store: sandbox.store });
    assert.equal((await reconciler.order((await sandbox.store.findOrder(body.orderId))!)).status, 'pending');
    await sandbox.close();
  });
});
