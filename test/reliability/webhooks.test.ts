import assert from 'node:assert/strict';
import { test } from 'node:test';
import Stripe from 'stripe';
import { createSandboxServer } from '../../sandbox/wire.ts';
import { CARDS, catalog } from '../server/helpers.ts';
import { paidCheckout } from '../server/admin-helpers.ts';

/**
 * Webhook deliveries as Stripe may make them: duplicated, replayed later, out of order, and
 * forged. Every event must change its order exactly once; every forgery must change nothing.
 */
test('webhook duplicates, replays, reordering and bad signatures: each event applied exactly once', async (t) => {
  const sandbox = await createSandboxServer({ catalog });
  const { emulator } = sandbox;
  // Every delivery of the run is sent twice, and every other one is delayed, so events cross.
  for (let i = 0; i < 200; i++) emulator.webhookControls.next(i % 2 ? { duplicate: true, delayMs: 30 } : { duplicate: true });
  const orders = [];
  for (const request of [{ item: 'tshirt' }, { item: 'mug', capture: 'manual' }, { mode: 'setup' }, { item: 'sticker-pack' }]) {
    orders.push(await paidCheckout(sandbox, request));
  }
  const threeDS = await paidCheckout(sandbox, { item: 'tea' }, CARDS.threeDS);
  await sandbox.app.request(`/sandbox/stripe/_sandbox/3ds/${threeDS.paymentIntentId}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_secret: threeDS.clientSecret, outcome: 'complete' }),
  });
  orders.push(threeDS);
  await emulator.webhooksIdle();
  emulator.webhookControls.clear();

  // Replays: every delivered event again, much later, freshly and validly signed. (The endpoint
  // subscribes to the events a deployment selects; the others in the log never came.)
  const signer = new Stripe('sk_test_signer');
  const delivered = new Set(emulator.webhookAttempts().map((attempt) => attempt.eventId));
  const events = (await emulator.stripeClient().events.list({ limit: 100 })).data.filter((event) => delivered.has(event.id));
  const deliver = (payload: string, header: string) =>
    sandbox.app.request('/api/webhook', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header }, body: payload });
  let replays = 0;
  for (const event of events) {
    const payload = JSON.stringify(event);
    const response = await deliver(payload, signer.webhooks.generateTestHeaderString({ payload, secret: sandbox.webhookSecret }));
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { duplicate: boolean }).duplicate, true, `${event.type} was applied again`);
    replays++;
  }
  // Forgeries: a tampered payload, another secret, no signature at all.
  let forged = 0;
  for (const event of events.slice(0, 10)) {
    const payload = JSON.stringify({ ...event, id: `${event.id}_forged`, data: { object: { ...(event.data.object as object), amount_received: 1 } } });
    const genuine = signer.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: sandbox.webhookSecret });
    for (const header of [genuine, signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }), '']) {
      const response = await deliver(payload, header);
      assert.equal(response.status, 400);
      forged++;
    }
  }

  const attempts = emulator.webhookAttempts();
  let transitions = 0;
  for (const order of orders) {
    const history = await sandbox.store.orderHistory(order.orderId);
    const settled = history.filter((entry) => entry.from === 'pending');
    assert.equal(settled.length, 1, `order ${order.orderId}: ${history.map((h) => `${h.from}->${h.to} (${h.cause})`).join(', ')}`);
    transitions += history.length - 1;
  }
  const statuses = await Promise.all(orders.map(async (order) => (await sandbox.store.findOrder(order.orderId))!.status));
  assert.deepEqual(statuses, ['paid', 'authorized', 'saved', 'paid', 'paid']);
  t.diagnostic(`webhooks: ${events.length} events, ${attempts.length} deliveries (each sent twice, half of them delayed so they cross), ${replays} later replays, ${forged} forgeries refused; ${orders.length} orders, ${transitions} status changes, each applied exactly once`);
  await sandbox.close();
});
