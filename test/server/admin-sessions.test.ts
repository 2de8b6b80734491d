import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { CARDS } from './helpers.ts';
import { admin, newAdminSandbox, paidCheckout } from './admin-helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newAdminSandbox(); });
after(() => sandbox.close());

const CARD_FORM = { 'card[number]': CARDS.success, 'card[exp_month]': '12', 'card[exp_year]': String(new Date().getFullYear() + 2), 'card[cvc]': '123' };

/** What the customer does on the sandbox's hosted Checkout page. */
async function completeHosted(url: string): Promise<Response> {
  const path = new URL(url).pathname;
  return sandbox.app.request(`${path}/complete`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ 'billing_details[email]': 'setup@example.com', ...CARD_FORM }) });
}

async function settled(orderId: string) {
  await sandbox.emulator.webhooksIdle();
  return (await admin(sandbox, 'GET', `/orders/${orderId}`)).body;
}

describe('admin API: Checkout Sessions (seed 003)', () => {
  test('hosted setup for a new customer: completed, the method becomes the default, the order is saved', async () => {
    const created = await admin(sandbox, 'POST', '/checkout-sessions', { mode: 'setup', ui: 'hosted', email: 'setup@example.com', currency: 'eur' });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.match(created.body.url, /\/_sandbox\/checkout\/cs_/);
    assert.equal(created.body.clientSecret, null);
    const done = await completeHosted(created.body.url);
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), `https://shop.example/pay/${created.body.orderId}?session_id=${created.body.sessionId}`);
    const { order, history } = await settled(created.body.orderId);
    assert.equal(order.status, 'saved');
    assert.match(order.customerId, /^cus_/);
    assert.ok(history.some((h: any) => /^checkout\.session\.completed evt_/.test(h.cause) || /^setup_intent\.succeeded evt_/.test(h.cause)));
    const customer = (await admin(sandbox, 'GET', `/customers/${order.customerId}`)).body;
    assert.equal(customer.defaultPaymentMethod, order.paymentMethodId);
    assert.equal(customer.paymentMethods[0].isDefault, true);
  });

  test('embedded setup for an existing customer: a client secret and our page to mount it', async () => {
    const { customerId } = await paidCheckout(sandbox, { mode: 'setup' });
    const created = await admin(sandbox, 'POST', '/checkout-sessions', { mode: 'setup', ui: 'embedded', customer: customerId });
    assert.match(created.body.clientSecret, /^cs_.+_secret_/);
    assert.equal(created.body.pageUrl, `https://shop.example/pay/${created.body.orderId}`);
    const session = await sandbox.emulator.stripeClient().checkout.sessions.retrieve(created.body.sessionId);
    assert.deepEqual([session.customer, session.ui_mode, session.metadata?.order_id], [customerId, 'embedded_page', created.body.orderId]);
  });

  test('payment mode for a catalog item: paid through the hosted page', async () => {
    const created = await admin(sandbox, 'POST', '/checkout-sessions', { mode: 'payment', ui: 'hosted', item: 'mug', email: 'buyer@example.com' });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    await completeHosted(created.body.url);
    const { order } = await settled(created.body.orderId);
    assert.deepEqual([order.status, order.amount, order.amountReceived, order.source], ['paid', 1200, 1200, 'checkout_session']);
  });

  test('an expired session cancels its order; bad input is a 400 naming the field', async () => {
    const created = await admin(sandbox, 'POST', '/checkout-sessions', { mode: 'setup', ui: 'hosted' });
    await sandbox.emulator.stripeClient().checkout.sessions.expire(created.body.sessionId);
    assert.equal((await settled(created.body.orderId)).order.status, 'canceled');
    for (const [body, param] of [[{ mode: 'donate', ui: 'hosted' }, 'mode'], [{ mode: 'setup', ui: 'popup' }, 'ui'], [{ mode: 'payment', ui: 'hosted', item: 'yacht' }, 'item'], [{ mode: 'setup', ui: 'hosted', customer: 'x' }, 'customer']] as const) {
      const { status, body: error } = await admin(sandbox, 'POST', '/checkout-sessions', body);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(error.error.param, param);
    }
  });
});

describe('admin API: Payment Links (seed 004)', () => {
  test('create for a catalog item (its Price made once), list, deactivate, reactivate', async () => {
    const first = await admin(sandbox, 'POST', '/payment-links', { item: 'tshirt' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual([first.body.active, first.body.item, first.body.amount, first.body.currency], [true, 'tshirt', 2500, 'usd']);
    const second = await admin(sandbox, 'POST', '/payment-links', { item: 'tshirt' });
    const prices = await sandbox.emulator.stripeClient().prices.list({ lookup_keys: ['link-checkout:item:tshirt:2500:usd:once'] });
    assert.equal(prices.data.length, 1, 'one Price for both links');
    const list = await admin(sandbox, 'GET', '/payment-links');
    assert.ok([first.body.id, second.body.id].every((id) => list.body.data.some((l: any) => l.id === id)));
    assert.equal((await admin(sandbox, 'POST', `/payment-links/${first.body.id}/deactivate`)).body.active, false);
    assert.equal((await sandbox.app.request(new URL(first.body.url).pathname)).status, 410, 'a deactivated link does not sell');
    assert.equal((await admin(sandbox, 'POST', `/payment-links/${first.body.id}/activate`)).body.active, true);
    assert.equal((await admin(sandbox, 'POST', '/payment-links/plink_nope/activate')).status, 404);
    assert.equal((await admin(sandbox, 'POST', '/payment-links', { item: 'yacht' })).status, 400);
  });

  test('a purchase through a link becomes an order the merchant sees', async () => {
    const link = (await admin(sandbox, 'POST', '/payment-links', { item: 'sticker-pack' })).body;
    const opened = await sandbox.app.request(new URL(link.url).pathname);
    assert.equal(opened.status, 303);
    const checkoutUrl = opened.headers.get('location')!;
    await completeHosted(checkoutUrl);
    await sandbox.emulator.webhooksIdle();
    const orders = (await admin(sandbox, 'GET', '/orders?email=setup@example.com&status=paid')).body.data;
    const fromLink = orders.find((o: any) => o.source === 'payment_link');
    assert.ok(fromLink, JSON.stringify(orders));
    assert.deepEqual([fromLink.item, fromLink.amount, fromLink.currency, fromLink.name], ['sticker-pack', 500, 'eur', 'Sticker pack']);
  });
});

describe('admin API: payment method domains', () => {
  test('register a domain and list it with its Link status', async () => {
    const added = await admin(sandbox, 'POST', '/domains', { domain: 'https://Shop.Example.com/' });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(added.body.domain, 'shop.example.com');
    const again = await admin(sandbox, 'POST', '/domains', { domain: 'shop.example.com' });
    assert.equal(again.body.id, added.body.id, 'registering twice finds the first');
    const list = await admin(sandbox, 'GET', '/domains');
    assert.ok(list.body.data.some((d: any) => d.domain === 'shop.example.com' && typeof d.link.status === 'string'));
    for (const domain of ['localhost', 'not a domain', '192.168.0.1']) {
      assert.equal((await admin(sandbox, 'POST', '/domains', { domain })).status, 400, domain);
    }
  });
});
