import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createPgliteStore } from '../../server/store/pglite.ts';
import type { NewOrder } from '../../server/store/types.ts';

const newOrder = (attemptId: string, item: string, amount: number, email: string | null = null): NewOrder => ({
  attemptId, item, amount, email, currency: 'usd', mode: 'payment', priceRule: 'catalog', name: item, interval: null, captureMethod: 'automatic',
});

describe('PGlite store', () => {
  test('orders survive a restart of the store (file-backed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'link-checkout-store-'));
    try {
      const first = await createPgliteStore(dir);
      const { order } = await first.createOrder(newOrder('attempt-persist', 'tshirt', 2500, null));
      await first.processEventOnce('evt_1', 'payment_intent.succeeded', async (tx) => { await tx.updateOrder(order.id, { status: 'paid' }, 'test'); });
      await first.close();

      const second = await createPgliteStore(dir);
      assert.equal((await second.findOrder(order.id))?.status, 'paid');
      assert.equal(await second.processEventOnce('evt_1', 'payment_intent.succeeded', async () => assert.fail('applied twice')), false);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('one attempt makes one order', async () => {
    const store = await createPgliteStore();
    const a = await store.createOrder(newOrder('attempt-once', 'mug', 1200, 'a@b.co'));
    const b = await store.createOrder(newOrder('attempt-once', 'mug', 1200, 'a@b.co'));
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(b.order.id, a.order.id);
    await store.close();
  });

  test('an event whose handler throws is not recorded, so a retry applies it', async () => {
    const store = await createPgliteStore();
    const { order } = await store.createOrder(newOrder('attempt-retry', 'mug', 1200, null));
    await assert.rejects(store.processEventOnce('evt_flaky', 'payment_intent.succeeded', async (tx) => {
      await tx.updateOrder(order.id, { status: 'paid' }, 'test');
      throw new Error('crash mid-apply');
    }));
    assert.equal((await store.findOrder(order.id))?.status, 'pending', 'the half-applied change was rolled back');
    assert.equal(await store.processEventOnce('evt_flaky', 'payment_intent.succeeded', async (tx) => { await tx.updateOrder(order.id, { status: 'paid' }, 'test'); }), true);
    assert.equal((await store.findOrder(order.id))?.status, 'paid');
    await store.close();
  });
});
