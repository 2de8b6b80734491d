import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARDS, browserToken, harness, rejects } from './helpers.ts';

async function post(emu: ReturnType<typeof harness>['emu'], path: string, body: string, key: string, apiKey = emu.secretKey) {
  const res = await emu.fetch(
    new Request(`http://api.stripe.sandbox${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': key },
      body,
    }),
  );
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test('same key + same params replays the first response with Idempotent-Replayed', async () => {
  const { emu, stripe } = harness();
  const a = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: 'k1' });
  const b = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: 'k1' });
  assert.equal(b.id, a.id);
  // stripe-node v23 exposes the fetch Headers here.
  const replayed = (r: typeof a) => (r.lastResponse.headers as unknown as Headers).get('idempotent-replayed');
  assert.equal(replayed(b), 'true');
  assert.equal(replayed(a), null);
  assert.equal(emu.state.paymentIntents.size, 1);
});

test('param order does not matter; the body is replayed byte for byte', async () => {
  const { emu } = harness();
  const first = await post(emu, '/v1/customers', 'email=a%40b.co&name=A', 'k');
  const second = await post(emu, '/v1/customers', 'name=A&email=a%40b.co', 'k');
  assert.equal(second.status, 200);
  assert.equal(second.text, first.text);
  assert.equal(second.headers.get('idempotent-replayed'), 'true');
});

test('a 402 decline is replayed, not re-executed', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.declined);
  const params = { amount: 1000, currency: 'usd', confirm: true, confirmation_token: token };
  const first = await rejects(() => stripe.paymentIntents.create(params, { idempotencyKey: 'decline' }));
  const second = await rejects(() => stripe.paymentIntents.create(params, { idempotencyKey: 'decline' }));
  assert.equal(first.statusCode, 402);
  assert.equal(second.statusCode, 402);
  assert.equal(second.raw.payment_intent.id, first.raw.payment_intent.id);
  assert.equal(second.headers['idempotent-replayed'], 'true');
  assert.equal(emu.state.paymentIntents.size, 1);
});

test('same key with different params -> 400 idempotency_error', async () => {
  const { stripe } = harness();
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' }, { idempotencyKey: 'k2' });
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 2000, currency: 'usd' }, { idempotencyKey: 'k2' }));
  assert.equal(err.type, 'StripeIdempotencyError');
  assert.equal(err.statusCode, 400);
  assert.equal(err.raw.type, 'idempotency_error');
});

test('same key on another endpoint -> idempotency_error', async () => {
  const { emu } = harness();
  await post(emu, '/v1/customers', 'email=a%40b.co', 'k3');
  const other = await post(emu, '/v1/payment_intents', 'amount=1000&currency=usd', 'k3');
  assert.equal(other.status, 400);
  assert.equal(JSON.parse(other.text).error.type, 'idempotency_error');
});

test('keys are scoped per API key', async () => {
  const { emu } = harness();
  const sk = await post(emu, '/v1/confirmation_tokens', 'payment_method=pm_x', 'shared');
  const pk = await post(
    emu,
    '/v1/confirmation_tokens',
    `payment_method_data[type]=card&payment_method_data[card][number]=${CARDS.visa}&payment_method_data[card][exp_month]=12&payment_method_data[card][exp_year]=${new Date().getUTCFullYear() + 1}`,
    'shared',
    emu.publishableKey,
  );
  assert.equal(sk.status, 404);
  assert.equal(pk.status, 200, 'the publishable key has its own key space');
});

test('validation failures are not saved, so the key can be retried', async () => {
  const { emu } = harness();
  const bad = await post(emu, '/v1/payment_intents', 'currency=usd', 'k4');
  assert.equal(bad.status, 400);
  const good = await post(emu, '/v1/payment_intents', 'amount=1000&currency=usd', 'k4');
  assert.equal(good.status, 200);
  assert.equal(good.headers.get('idempotent-replayed'), null);
});
