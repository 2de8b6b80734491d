import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { CARDS, attemptId, confirmationToken, orderStatus, postJson } from './helpers.ts';
import { admin, newAdminSandbox, paidCheckout } from './admin-helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newAdminSandbox(); });
after(() => sandbox.close());

const AUTH_REQUIRED = '4000002760003184';

/** A customer with a card saved through setup mode, 3DS completed where the card asks for it. */
async function savedCustomer(card: string = CARDS.success): Promise<{ customerId: string; orderId: string }> {
  const body = await paidCheckout(sandbox, { mode: 'setup', email: 'saved@example.com' }, card);
  if (body.status === 'requires_action') {
    await sandbox.app.request(`/sandbox/stripe/_sandbox/3ds/${body.setupIntentId}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: body.clientSecret, outcome: 'complete' }),
    });
    await orderStatus(sandbox, body.orderId);
  }
  return body;
}

describe('admin API: customers', () => {
  test('show lists the saved methods as a person reads them; detach removes one', async () => {
    const { customerId } = await savedCustomer();
    const { status, body } = await admin(sandbox, 'GET', `/customers/${customerId}`);
    assert.equal(status, 200);
    assert.equal(body.email, 'saved@example.com');
    assert.equal(body.paymentMethods.length, 1);
    assert.match(body.paymentMethods[0].display, /^Visa •••• 4242 \(\d\d\/\d\d\)$/);
    const detached = await admin(sandbox, 'DELETE', `/customers/${customerId}/payment_methods/${body.paymentMethods[0].id}`);
    assert.deepEqual(detached.body.paymentMethods, []);
    const again = await admin(sandbox, 'DELETE', `/customers/${customerId}/payment_methods/${body.paymentMethods[0].id}`);
    assert.equal(again.status, 404);
  });

  test('search by email; unknown ids are 404; a malformed id is a 400', async () => {
    const { customerId } = await savedCustomer();
    const found = await admin(sandbox, 'GET', '/customers?email=saved@example.com');
    assert.ok(found.body.data.some((c: any) => c.id === customerId));
    assert.equal((await admin(sandbox, 'GET', '/customers/cus_nope')).status, 404);
    assert.equal((await admin(sandbox, 'GET', '/customers/robert')).status, 400);
  });
});

describe('admin API: charge later (off-session)', () => {
  test('4242 saved: the charge succeeds and the order is paid', async () => {
    const { customerId } = await savedCustomer();
    const { status, body } = await admin(sandbox, 'POST', '/charges', { customer: customerId, amount: 1500, currency: 'usd', description: 'Renewal' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual([body.order.status, body.order.source, body.order.amount, body.order.customerId], ['paid', 'charge_later', 1500, customerId]);
    const intent = await sandbox.emulator.stripeClient().paymentIntents.retrieve(body.order.paymentIntentId);
    assert.equal(intent.amount_received, 1500);
  });

  test('a retried charge charges once', async () => {
    const { customerId } = await savedCustomer();
    const request = { customer: customerId, amount: 700, currency: 'usd' };
    const [a, b] = await Promise.all([admin(sandbox, 'POST', '/charges', request, { key: 'once' }), admin(sandbox, 'POST', '/charges', request, { key: 'once' })]);
    const c = await admin(sandbox, 'POST', '/charges', request, { key: 'once' });
    const ids = new Set([a, b, c].filter((r) => r.status === 200).map((r) => r.body.order.paymentIntentId));
    assert.equal(ids.size, 1);
    const intents = await sandbox.emulator.stripeClient().paymentIntents.list({ customer: customerId });
    assert.equal(intents.data.filter((pi) => pi.amount === 700).length, 1);
  });

  test('authentication required: recorded, 402, and a recovery page where the customer completes it', async () => {
    const { customerId } = await savedCustomer(AUTH_REQUIRED);
    const { status, body } = await admin(sandbox, 'POST', '/charges', { customer: customerId, amount: 2000, currency: 'usd' });
    assert.equal(status, 402, JSON.stringify(body));
    assert.equal(body.error.code, 'authentication_required');
    assert.equal(body.order.status, 'action_required');
    assert.equal(body.order.lastError.code, 'authentication_required');
    assert.equal(body.order.recoveryUrl, `https://shop.example/pay/${body.order.id}`);

    // The recovery page's element: a quote for the order, then a checkout that completes it.
    const quote = await (await sandbox.app.request(`/api/quote?order=${body.order.id}`)).json() as any;
    assert.deepEqual([quote.rule, quote.amount, quote.currency], ['order', 2000, 'usd']);
    const token = await confirmationToken(sandbox, AUTH_REQUIRED);
    const completed = await (await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, order: body.order.id })).json() as any;
    assert.equal(completed.status, 'requires_action');
    assert.equal(completed.paymentIntentId, body.order.paymentIntentId, 'the same payment, so it is paid once');
    await sandbox.app.request(`/sandbox/stripe/_sandbox/3ds/${completed.paymentIntentId}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: completed.clientSecret, outcome: 'complete' }),
    });
    assert.equal(await orderStatus(sandbox, body.order.id), 'paid');
    const paidAgain = await sandbox.app.request(`/api/quote?order=${body.order.id}`);
    assert.equal(paidAgain.status, 409);
  });

  test('a decline is recorded on the order', async () => {
    const { customerId } = await savedCustomer();
    // Swap in a card that declines: detach the good one, save 0002's PaymentMethod test token.
    const stripe = sandbox.emulator.stripeClient();
    const pm = await stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customerId }).catch(() => null);
    if (!pm) return assert.fail('the sandbox should attach pm_card_chargeDeclined');
    const { status, body } = await admin(sandbox, 'POST', '/charges', { customer: customerId, paymentMethod: pm.id, amount: 900, currency: 'usd' });
    assert.equal(status, 402);
    assert.deepEqual([body.order.status, body.order.lastError.code], ['failed', 'card_declined']);
  });

  test('bad input: missing amount, a method not saved on the customer, an unknown customer', async () => {
    const { customerId } = await savedCustomer();
    assert.equal((await admin(sandbox, 'POST', '/charges', { customer: customerId, currency: 'usd' })).body.error.param, 'amount');
    const other = await savedCustomer();
    const otherMethods = (await admin(sandbox, 'GET', `/customers/${other.customerId}`)).body.paymentMethods;
    const wrong = await admin(sandbox, 'POST', '/charges', { customer: customerId, paymentMethod: otherMethods[0].id, amount: 100, currency: 'usd' });
    assert.deepEqual([wrong.status, wrong.body.error.param], [400, 'paymentMethod']);
    assert.equal((await admin(sandbox, 'POST', '/charges', { customer: 'cus_nope', amount: 100, currency: 'usd' })).status, 404);
  });
});
