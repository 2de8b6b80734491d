import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SANDBOX_SIGNING_SECRET, type SandboxServer } from '../../sandbox/wire.ts';
import { signPrice } from '../../server/pricing/index.ts';
import { CARDS, attemptId, confirmationToken, newSandbox, orderStatus, postJson } from './helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newSandbox(); });
after(() => sandbox.close());

const stripe = () => sandbox.emulator.stripeClient();

async function pay(card: string, request: Record<string, unknown>, tokenExtra: Record<string, string> = {}) {
  const confirmationTokenId = await confirmationToken(sandbox, card, tokenExtra);
  const response = await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId, email: 'jenny@example.com', ...request });
  return { response, body: await response.json() };
}

/** How many objects of each kind the emulator holds: a refused checkout must add none. */
function stripeObjects() {
  const { paymentIntents, setupIntents, customers, subscriptions } = sandbox.emulator.state;
  return { paymentIntents: paymentIntents.size, setupIntents: setupIntents.size, customers: customers.size, subscriptions: subscriptions.size };
}

async function complete3ds(intentId: string, clientSecret: string, outcome: 'complete' | 'fail' = 'complete') {
  const response = await sandbox.app.request(`/sandbox/stripe/_sandbox/3ds/${intentId}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_secret: clientSecret, outcome }),
  });
  assert.equal(response.status, 200);
}

describe('setup mode (seed 001): a Customer and a SetupIntent, nothing charged', () => {
  test('4242 saves the card on a new Customer; the webhook makes the order saved', async () => {
    const { response, body } = await pay(CARDS.success, { mode: 'setup', currency: 'usd' });
    assert.equal(response.status, 200);
    assert.deepEqual([body.mode, body.status], ['setup', 'succeeded']);
    assert.match(body.setupIntentId, /^seti_/);
    assert.match(body.customerId, /^cus_/);
    assert.equal(body.paymentIntentId, undefined, 'no payment in setup mode');
    assert.equal(await orderStatus(sandbox, body.orderId), 'saved');
    const methods = await stripe().paymentMethods.list({ customer: body.customerId, type: 'card' });
    assert.equal(methods.data.length, 1);
    const intent = await stripe().setupIntents.retrieve(body.setupIntentId);
    assert.equal(intent.usage, 'off_session');
    const order = await sandbox.store.findOrder(body.orderId);
    assert.equal(order?.paymentMethodId, methods.data[0]!.id);
  });

  test('3220 needs 3DS; Complete saves it', async () => {
    const { body } = await pay(CARDS.threeDS, { mode: 'setup', currency: 'eur' });
    assert.equal(body.status, 'requires_action');
    assert.match(body.clientSecret, /^seti_.+_secret_/);
    assert.equal(await orderStatus(sandbox, body.orderId), 'pending');
    await complete3ds(body.setupIntentId, body.clientSecret);
    assert.equal(await orderStatus(sandbox, body.orderId), 'saved');
  });

  test('a decline is a 402 and the order is failed', async () => {
    const { response, body } = await pay(CARDS.declined, { mode: 'setup' });
    assert.equal(response.status, 402);
    assert.equal(body.error.type, 'card_error');
  });
});

describe('subscription mode: Customer, Price by lookup_key, Subscription default_incomplete', () => {
  test('4242 pays the first invoice; the webhook makes the order active', async () => {
    const { response, body } = await pay(CARDS.success, { item: 'pro-monthly' }, { setup_future_usage: 'off_session' });
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.mode, 'subscription');
    assert.match(body.subscriptionId, /^sub_/);
    assert.equal(await orderStatus(sandbox, body.orderId), 'active');
    const subscription = await stripe().subscriptions.retrieve(body.subscriptionId);
    assert.equal(subscription.status, 'active');
    assert.equal(subscription.items.data[0]!.price.unit_amount, 900);
    assert.ok(subscription.default_payment_method, 'the card is saved for the renewals');
  });

  test('the Price is created once and found again by its lookup_key', async () => {
    const { body } = await pay(CARDS.success, { item: 'pro-monthly' }, { setup_future_usage: 'off_session' });
    const prices = await stripe().prices.list({ limit: 100 });
    const ours = prices.data.filter((price) => price.lookup_key?.includes('item:pro-monthly'));
    assert.equal(ours.length, 1);
    const subscription = await stripe().subscriptions.retrieve(body.subscriptionId);
    assert.equal(subscription.items.data[0]!.price.id, ours[0]!.id);
  });

  test('3220 asks for 3DS on the first payment; Complete activates it', async () => {
    const { body } = await pay(CARDS.threeDS, { item: 'pro-monthly' }, { setup_future_usage: 'off_session' });
    assert.equal(body.status, 'requires_action');
    await complete3ds(body.paymentIntentId, body.clientSecret);
    assert.equal(await orderStatus(sandbox, body.orderId), 'active');
  });
});

describe('price rules at checkout', () => {
  test('a signed 25.00 EUR is charged exactly that', async () => {
    const price = { mode: 'payment' as const, amount: 2500, currency: 'eur', label: 'Workshop ticket' };
    const { body } = await pay(CARDS.success, { ...price, signature: await signPrice(SANDBOX_SIGNING_SECRET, price) });
    const intent = await stripe().paymentIntents.retrieve(body.paymentIntentId);
    assert.deepEqual([intent.amount, intent.currency, intent.description], [2500, 'eur', 'Workshop ticket']);
    assert.equal(await orderStatus(sandbox, body.orderId), 'paid');
  });

  test('an open amount the shopper chose is charged', async () => {
    const { body } = await pay(CARDS.success, { amountEditable: true, currency: 'usd', amount: 1234, label: 'Donation' });
    const intent = await stripe().paymentIntents.retrieve(body.paymentIntentId);
    assert.deepEqual([intent.amount, intent.currency], [1234, 'usd']);
    assert.equal(await orderStatus(sandbox, body.orderId), 'paid');
  });

  const tampered: Array<[string, () => Promise<Record<string, unknown>>, string]> = [
    ['a wrong signature', async () => ({ amount: 2500, currency: 'eur', signature: 'A'.repeat(43) }), 'signature_mismatch'],
    ['a signature made for another currency', async () => ({ amount: 2500, currency: 'usd', signature: await signPrice(SANDBOX_SIGNING_SECRET, { mode: 'payment', amount: 2500, currency: 'eur' }) }), 'signature_mismatch'],
    ['a signature made for another mode', async () => ({ amount: 2500, currency: 'eur', mode: 'subscription', interval: 'month', signature: await signPrice(SANDBOX_SIGNING_SECRET, { mode: 'payment', amount: 2500, currency: 'eur' }) }), 'signature_mismatch'],
    ['an amount outside the range', async () => ({ amountEditable: true, currency: 'usd', amount: 99 }), 'amount_out_of_range'],
    ['a mode that contradicts the item', async () => ({ item: 'pro-monthly', mode: 'payment' }), 'mode_mismatch'],
    ['an unsigned amount', async () => ({ amount: 1, currency: 'usd' }), 'signature_missing'],
  ];
  for (const [what, request, code] of tampered) {
    test(`${what} is a 4xx, and nothing is created in Stripe`, async () => {
      const before = stripeObjects();
      const { response, body } = await pay(CARDS.success, await request());
      assert.equal(response.status, 400);
      assert.equal(body.error.code, code);
      assert.deepEqual(stripeObjects(), before);
    });
  }
});

describe('payment options', () => {
  test('capture="manual" authorizes only; the order becomes authorized', async () => {
    const { body } = await pay(CARDS.success, { item: 'mug', capture: 'manual' });
    assert.equal(body.status, 'requires_capture');
    const intent = await stripe().paymentIntents.retrieve(body.paymentIntentId);
    assert.deepEqual([intent.capture_method, intent.amount_capturable, intent.amount_received], ['manual', 1200, 0]);
    assert.equal(await orderStatus(sandbox, body.orderId), 'authorized');
  });

  test('save="off_session" saves the card on a Customer while paying', async () => {
    const { body } = await pay(CARDS.success, { item: 'tshirt', save: 'off_session' }, { setup_future_usage: 'off_session' });
    assert.match(body.customerId, /^cus_/);
    const intent = await stripe().paymentIntents.retrieve(body.paymentIntentId);
    assert.deepEqual([intent.setup_future_usage, intent.customer], ['off_session', body.customerId]);
    const methods = await stripe().paymentMethods.list({ customer: body.customerId, type: 'card' });
    assert.equal(methods.data.length, 1);
    assert.equal(await orderStatus(sandbox, body.orderId), 'paid');
  });

  test('the payment methods seed 002 excludes are excluded on the intent too', async () => {
    const { body } = await pay(CARDS.success, { item: 'tshirt' });
    const intent = await stripe().paymentIntents.retrieve(body.paymentIntentId);
    assert.deepEqual(intent.excluded_payment_method_types, ['blik', 'acss_debit']);
  });

  test('the order history names each status change and its cause', async () => {
    const { body } = await pay(CARDS.success, { item: 'mug' });
    await orderStatus(sandbox, body.orderId);
    const history = await sandbox.store.orderHistory(body.orderId);
    assert.deepEqual(history.map((h) => [h.from, h.to]), [[null, 'pending'], ['pending', 'paid']]);
    assert.equal(history[0]!.cause, 'checkout');
    assert.match(history[1]!.cause, /^payment_intent\.succeeded evt_/);
  });

  test('GET /api/orders and /api/payments say the mode', async () => {
    const { body } = await pay(CARDS.success, { mode: 'setup' });
    const order = await (await sandbox.app.request(`/api/orders/${body.orderId}`)).json();
    assert.equal(order.mode, 'setup');
    const lookup = await (await sandbox.app.request(`/api/payments/${body.setupIntentId}`)).json();
    assert.deepEqual([lookup.orderId, lookup.mode], [body.orderId, 'setup']);
  });
});

describe('webhooks move every mode\'s order', () => {
  test('an authorization canceled in Stripe makes the order canceled', async () => {
    const { body } = await pay(CARDS.success, { item: 'mug', capture: 'manual' });
    assert.equal(await orderStatus(sandbox, body.orderId), 'authorized');
    await stripe().paymentIntents.cancel(body.paymentIntentId);
    assert.equal(await orderStatus(sandbox, body.orderId), 'canceled');
    const history = await sandbox.store.orderHistory(body.orderId);
    assert.match(history.at(-1)!.cause, /^payment_intent\.canceled evt_/);
  });

  test('a subscription canceled in Stripe makes the order canceled', async () => {
    const { body } = await pay(CARDS.success, { item: 'pro-monthly' }, { setup_future_usage: 'off_session' });
    assert.equal(await orderStatus(sandbox, body.orderId), 'active');
    await stripe().subscriptions.cancel(body.subscriptionId);
    assert.equal(await orderStatus(sandbox, body.orderId), 'canceled');
  });

  test('a failed first subscription payment makes the order failed, not active', async () => {
    const { body } = await pay(CARDS.threeDS, { item: 'pro-monthly' }, { setup_future_usage: 'off_session' });
    await complete3ds(body.paymentIntentId, body.clientSecret, 'fail');
    assert.equal(await orderStatus(sandbox, body.orderId), 'failed');
    const causes = (await sandbox.store.orderHistory(body.orderId)).map((entry) => entry.cause);
    assert.ok(causes.some((cause) => /^(invoice\.payment_failed|payment_intent\.payment_failed) evt_/.test(cause)), causes.join(', '));
  });

  test('a failed setup authentication makes the order failed', async () => {
    const { body } = await pay(CARDS.threeDS, { mode: 'setup' });
    await complete3ds(body.setupIntentId, body.clientSecret, 'fail');
    assert.equal(await orderStatus(sandbox, body.orderId), 'failed');
  });
});
