import assert from 'node:assert/strict';
import { after, before, describe, test, test as testCase } from 'node:test';
import { createPostgresStore } from '../../server/store/postgres.ts';
import type { NewOrder, Store } from '../../server/store/types.ts';
import { ENGINES, POSTGRES_SKIP_REASON, POSTGRES_URL, freshPostgresDatabase } from './store-engines.ts';

const newOrder = (attemptId: string, item: string, amount: number, email: string | null = null): NewOrder => ({
  attemptId, item, amount, email, currency: 'usd', mode: 'payment', priceRule: 'catalog', name: item, interval: null, captureMethod: 'automatic',
});

for (const engine of ENGINES) {
  describe(`${engine.name} store${engine.skip ? ` (${engine.skip})` : ''}`, () => {
    // Each case is skipped on its own, so the run's skipped count says how many did not run.
    const test = (name: string, fn: () => Promise<void>) => testCase(name, { skip: engine.skip ?? false }, fn);
    let place: Awaited<ReturnType<typeof engine.place>>;
    let store: Store;
    before(async () => {
      if (engine.skip) return;
      place = await engine.place();
      store = await place.open();
    });
    after(async () => {
      await store?.close();
      await place?.remove();
    });

    test('orders and processed events survive a restart of the store', async () => {
      const { order } = await store.createOrder(newOrder('attempt-persist', 'tshirt', 2500, null));
      await store.processEventOnce('evt_1', 'payment_intent.succeeded', async (tx) => { await tx.updateOrder(order.id, { status: 'paid' }, 'test'); });
      await store.close();

      store = await place.open();
      assert.equal((await store.findOrder(order.id))?.status, 'paid');
      assert.equal(await store.processEventOnce('evt_1', 'payment_intent.succeeded', async () => assert.fail('applied twice')), false);
      assert.deepEqual((await store.orderHistory(order.id)).map((entry) => [entry.from, entry.to]), [[null, 'pending'], ['pending', 'paid']]);
    });

    test('one attempt makes one order, also when both requests arrive at once', async () => {
      const [a, b] = await Promise.all([
        store.createOrder(newOrder('attempt-once', 'mug', 1200, 'a@b.co')),
        store.createOrder(newOrder('attempt-once', 'mug', 1200, 'a@b.co')),
      ]);
      assert.deepEqual([a.created, b.created].sort(), [false, true]);
      assert.equal(b.order.id, a.order.id);
    });

    test('an event whose handler throws is not recorded, so a retry applies it', async () => {
      const { order } = await store.createOrder(newOrder('attempt-retry', 'mug', 1200, null));
      await assert.rejects(store.processEventOnce('evt_flaky', 'payment_intent.succeeded', async (tx) => {
        await tx.updateOrder(order.id, { status: 'paid' }, 'test');
        throw new Error('crash mid-apply');
      }));
      assert.equal((await store.findOrder(order.id))?.status, 'pending', 'the half-applied change was rolled back');
      assert.equal(await store.processEventOnce('evt_flaky', 'payment_intent.succeeded', async (tx) => { await tx.updateOrder(order.id, { status: 'paid' }, 'test'); }), true);
      assert.equal((await store.findOrder(order.id))?.status, 'paid');
    });

    test('rate-limit counters: hits count within a window, a new window starts from one, unhit takes one back', async () => {
      const first = await store.hitRateLimit('test:198.51.100.7', 60_000);
      assert.equal(first.hits, 1);
      assert.ok(first.resetAt.getTime() > Date.now() + 50_000 && first.resetAt.getTime() <= Date.now() + 61_000, `resetAt ${first.resetAt.toISOString()}`);
      assert.equal((await store.hitRateLimit('test:198.51.100.7', 60_000)).hits, 2);
      await store.unhitRateLimit('test:198.51.100.7');
      const third = await store.hitRateLimit('test:198.51.100.7', 60_000);
      assert.equal(third.hits, 2);
      assert.equal(third.resetAt.getTime(), first.resetAt.getTime(), 'the window does not move');
      assert.equal((await store.hitRateLimit('test:other-key', 60_000)).hits, 1, 'keys are counted apart');

      assert.equal((await store.hitRateLimit('test:short', 200)).hits, 1);
      assert.equal((await store.hitRateLimit('test:short', 200)).hits, 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal((await store.hitRateLimit('test:short', 200)).hits, 1, 'an expired window starts again');
    });

    test('concurrent hits on one key are all counted', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.hitRateLimit('test:burst', 60_000)));
      assert.deepEqual(results.map((r) => r.hits).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    });

    test('ping answers while open', async () => {
      await store.ping();
    });

    test('a NUL byte in a value is refused by the database (callers must validate first)', async () => {
      await assert.rejects(store.findOrder('ord_\u0000'));
    });
  });
}

describe('several instances on one PostgreSQL', () => {
  const name = `stores that start at once all migrate safely, and share orders, events and counters${POSTGRES_URL ? '' : ` (${POSTGRES_SKIP_REASON})`}`;
  test(name, { skip: POSTGRES_URL ? false : POSTGRES_SKIP_REASON }, async () => {
    const database = await freshPostgresDatabase();
    const stores = await Promise.all([createPostgresStore(database.url), createPostgresStore(database.url), createPostgresStore(database.url)]);
    try {
      const [a, b] = stores as [Store, Store, Store];
      const { order } = await a.createOrder(newOrder('attempt-shared', 'mug', 1200));
      assert.equal((await b.findOrder(order.id))?.id, order.id);

      const applied = await Promise.all([a, b, a, b].map((store) => store.processEventOnce('evt_shared', 'payment_intent.succeeded', async (tx) => {
        await tx.updateOrder(order.id, { status: 'paid' }, 'test');
      })));
      assert.equal(applied.filter(Boolean).length, 1, 'one instance applied the event');

      const hits = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 3]!.hitRateLimit('test:shared', 60_000)));
      assert.equal(Math.max(...hits.map((h) => h.hits)), 10);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await database.drop();
    }
  });
});
