// The emulator's state survives a restart: saved to a directory, loaded by the next emulator.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createStripeEmulator } from '../../sandbox/api/index.ts';
import { directoryStateStore } from '../../sandbox/api/state-dir.ts';
import { CARDS, browser, browserToken } from './helpers.ts';

const freshDir = () => mkdtempSync(join(tmpdir(), 'sandbox-state-'));
const quiet = { deliver: async () => new Response('ok'), webhookRetry: { baseDelayMs: 1 } };

test('an order paid just before a restart still exists afterwards, with the same keys and webhook secret', async () => {
  const dir = freshDir();
  const first = createStripeEmulator({ ...quiet, stateStore: directoryStateStore(dir) });
  const endpoint = first.addWebhookEndpoint('http://shop.example/webhook');
  const stripe = first.stripeClient();
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const pi = await stripe.paymentIntents.create({
    amount: 2500,
    currency: 'usd',
    customer: customer.id,
    metadata: { order_id: 'order_42' },
    confirm: true,
    confirmation_token: await browserToken(first, CARDS.visa),
  });
  assert.equal(pi.status, 'succeeded');
  await first.close();

  const second = createStripeEmulator({ ...quiet, stateStore: directoryStateStore(dir) });
  assert.equal(second.secretKey, first.secretKey);
  assert.equal(second.publishableKey, first.publishableKey);
  assert.deepEqual(second.ensureWebhookEndpoint('http://shop.example/webhook'), endpoint, 'the endpoint and its secret came back');
  const again = await second.stripeClient().paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
  assert.equal(again.status, 'succeeded');
  assert.equal(again.metadata.order_id, 'order_42');
  assert.equal((again.latest_charge as { amount: number }).amount, 2500);
  const events = await second.stripeClient().events.list({ type: 'payment_intent.succeeded' });
  assert.equal((events.data[0].data.object as { id: string }).id, pi.id, 'the event log came back');
  // Objects made after the restart keep working with those from before it.
  const refund = await second.stripeClient().refunds.create({ payment_intent: pi.id, amount: 500 });
  assert.equal(refund.charge, (again.latest_charge as { id: string }).id);
});

test('what the state keeps beyond objects: card secrets, token sources, idempotency records, Link accounts, publicBaseUrl', async () => {
  const dir = freshDir();
  const first = createStripeEmulator({ ...quiet, stateStore: directoryStateStore(dir), publicBaseUrl: 'http://shop.example/sandbox/stripe' });
  first.registerLinkAccount('returning@example.com', { name: 'Ada', shipping: { address: { country: 'US' } }, card: { number: CARDS.threeDS } });
  const declinedToken = await browserToken(first, CARDS.declined);
  const key = 'order-7-attempt-1';
  const created = await first.stripeClient().paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: key });
  await first.close();

  const second = createStripeEmulator({ ...quiet, stateStore: directoryStateStore(dir) });
  const stripe = second.stripeClient();
  // The token made before the restart still carries its (private) card: it declines as 0002 does.
  const err = await stripe.paymentIntents.confirm(created.id, { confirmation_token: declinedToken, return_url: 'https://shop.example/done' }).catch((e) => e);
  assert.equal(err.decline_code, 'generic_decline');
  const replay = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: key });
  assert.equal(replay.id, created.id, 'the idempotent replay survived the restart');
  const lookup = await browser(second, 'POST', '/_sandbox/link/lookup', { email: 'returning@example.com' });
  assert.equal(lookup.body.registered, true);
  const session = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'https://shop.example/ok' });
  assert.ok(session.url?.startsWith('http://shop.example/sandbox/stripe/_sandbox/checkout/'), session.url ?? '');
});

test('writes are atomic, owner-only, coalesced, and skipped when nothing changed', async () => {
  const dir = freshDir();
  let saves = 0;
  const files = directoryStateStore(dir);
  const counting = { ...files, save: async (json: string) => (saves++, files.save(json)) };
  const emu = createStripeEmulator({ ...quiet, stateStore: counting, saveDelayMs: 30 });
  const stripe = emu.stripeClient();
  await Promise.all([1, 2, 3].map((n) => stripe.customers.create({ email: `c${n}@example.com` })));
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(saves, 1, 'three changes inside the delay are one write');
  await stripe.customers.list();
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(saves, 1, 'a read that changes nothing writes nothing');
  assert.deepEqual(readdirSync(dir), ['state.json'], 'no temporary file left behind');
  assert.equal(statSync(join(dir, 'state.json')).mode & 0o777, 0o600);
  const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
  assert.equal(saved.format, 'link-checkout-sandbox-state');
  assert.equal(saved.state.customers.$map.length, 3);
});

test('keys given as options win over saved ones; a foreign or newer file is refused', async () => {
  const dir = freshDir();
  const first = createStripeEmulator({ ...quiet, stateStore: directoryStateStore(dir) });
  await first.stripeClient().customers.create({});
  await first.close();
  const fixed = createStripeEmulator({ ...quiet, stateStore: directoryStateStore(dir), secretKey: 'sk_test_fixed', publishableKey: 'pk_test_fixed' });
  assert.equal(fixed.secretKey, 'sk_test_fixed');
  assert.equal((await fixed.stripeClient().customers.list()).data.length, 1);

  const other = freshDir();
  writeFileSync(join(other, 'state.json'), JSON.stringify({ format: 'something-else' }));
  assert.throws(() => createStripeEmulator({ stateStore: directoryStateStore(other) }), /not a sandbox state file/);
  writeFileSync(join(other, 'state.json'), JSON.stringify({ format: 'link-checkout-sandbox-state', version: 99, keys: { secretKey: 'a', publishableKey: 'b' }, state: {} }));
  assert.throws(() => createStripeEmulator({ stateStore: directoryStateStore(other) }), /newer sandbox/);
});
