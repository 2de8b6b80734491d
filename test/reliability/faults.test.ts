import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import { createSandboxServer, type SandboxServer } from '../../sandbox/wire.ts';
import { createReconciler } from '../../server/reconciler.ts';
import { CARDS, attemptId as newAttemptId, catalog, confirmationToken, postJson } from '../server/helpers.ts';

/**
 * One press of Pay as the widget sends it (widget/api-client.ts): the same attempt again after a
 * network failure, a 5xx or an attempt still in progress; every other answer is final.
 */
async function pressPay(sandbox: SandboxServer, request: Record<string, unknown>, tries = 4): Promise<{ status: number; body: any }> {
  let last = { status: 0, body: undefined as any };
  for (let i = 0; i < tries; i++) {
    try {
      const response = await postJson(sandbox, '/api/checkout', request);
      last = { status: response.status, body: await response.json() };
    } catch {
      last = { status: 0, body: undefined };
    }
    const retryable = last.status === 0 || last.status >= 500 || last.body?.error?.code === 'attempt_in_progress';
    if (!retryable) return last;
  }
  return last;
}

const intentsOf = async (stripe: Stripe) => (await stripe.paymentIntents.list({ limit: 100 })).data;

test('injected Stripe faults during checkout (5xx, timeouts, dropped connections, dropped webhooks): 0 lost orders, 0 double charges, every order converges', async (t) => {
  const sandbox = await createSandboxServer({ catalog });
  const { emulator } = sandbox;
  const stripe = emulator.stripeClient();
  const ATTEMPTS = 24;
  const tokens = await Promise.all(Array.from({ length: ATTEMPTS }, () => confirmationToken(sandbox, CARDS.success)));
  // Faults on the calls a checkout makes, at rates that hit most attempts at least once.
  emulator.faults.set({ route: 'POST /v1/payment_intents', kind: '5xx', rate: 0.25 });
  emulator.faults.set({ route: 'POST /v1/payment_intents', kind: 'timeout', rate: 0.25 });
  emulator.faults.set({ route: 'POST /v1/payment_intents', kind: 'drop', rate: 0.15 });
  // Lost deliveries are retried by the emulator; half the success events are never sent at all.
  emulator.faults.set({ route: 'webhooks', kind: 'drop', rate: 0.5 });
  for (let i = 0; i < ATTEMPTS / 2; i++) emulator.webhookControls.next({ drop: true }, { type: 'payment_intent.succeeded' });
  const answers = [];
  for (const [i, token] of tokens.entries()) {
    answers.push(await pressPay(sandbox, { attemptId: newAttemptId(), confirmationTokenId: token, item: i % 2 ? 'tshirt' : 'mug', email: 'faults@example.com' }));
  }
  emulator.faults.clear();
  await emulator.webhooksIdle();

  const paidAtOnce = answers.filter((a) => a.status === 200).length;
  const failedAnswers = answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.body?.error?.code}`);
  // What the webhooks left undone, the reconciler finishes (the timer's job in production).
  const report = await createReconciler({ stripe, store: sandbox.store }, { minAgeMs: 0 }).sweep();

  const intents = await intentsOf(stripe);
  const byOrder = new Map<string, Stripe.PaymentIntent[]>();
  for (const intent of intents) byOrder.set(intent.metadata.order_id!, [...(byOrder.get(intent.metadata.order_id!) ?? []), intent]);
  const doubleCharges = [...byOrder.values()].filter((list) => list.filter((pi) => pi.status === 'succeeded').length > 1).length;
  let lost = 0;
  let unconverged = 0;
  for (const [orderId, list] of byOrder) {
    const order = await sandbox.store.findOrder(orderId);
    if (!order) lost++;
    else if (list.some((pi) => pi.status === 'succeeded') && order.status !== 'paid') unconverged++;
  }
  const { orders } = await sandbox.store.listOrders({ limit: 100 });
  const orphans = orders.filter((order) => order.status === 'pending' && !byOrder.has(order.id));
  t.diagnostic(
    `faults: ${ATTEMPTS} presses of Pay under 5xx/timeout/drop on PaymentIntent creation, lost deliveries, and half the success webhooks never sent; ${paidAtOnce} answered 200, ` +
      `others: ${failedAnswers.join(', ') || 'none'}; reconciler applied ${report.applied} missed events; ` +
      `${intents.length} PaymentIntents for ${byOrder.size} orders: ${lost} lost orders, ${doubleCharges} double charges, ${unconverged} not converged, ${orphans.length} pending orders with no payment`,
  );
  assert.equal(lost, 0);
  assert.equal(doubleCharges, 0);
  assert.equal(unconverged, 0);
  assert.equal(intents.length, byOrder.size, 'one PaymentIntent per order');
  for (const [i, answer] of answers.entries()) if (answer.status === 200) assert.equal((await sandbox.store.findOrder(answer.body.orderId))?.status, 'paid', `attempt ${i}`);
  await sandbox.close();
});

test('concurrent double-submits of one attempt make one Stripe object', async (t) => {
  const sandbox = await createSandboxServer({ catalog });
  const token = await confirmationToken(sandbox, CARDS.success);
  const request = { attemptId: newAttemptId(), confirmationTokenId: token, item: 'tshirt' };
  const answers = await Promise.all(Array.from({ length: 20 }, () => pressPay(sandbox, request)));
  const orderIds = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.orderId));
  const intents = await intentsOf(sandbox.emulator.stripeClient());
  t.diagnostic(`double-submits: 20 concurrent presses of one attempt, ${answers.filter((a) => a.status === 200).length} answered 200, ${orderIds.size} order, ${intents.length} PaymentIntent`);
  assert.equal(orderIds.size, 1);
  assert.equal(intents.length, 1);
  await sandbox.close();
});
