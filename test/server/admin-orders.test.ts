import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { createSandboxServer } from '../../sandbox/wire.ts';
import { catalog, orderStatus } from './helpers.ts';
import { admin, newAdminSandbox, paidCheckout } from './admin-helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newAdminSandbox(); });
after(() => sandbox.close());

describe('admin API: authentication', () => {
  test('no token, a wrong token, or another scheme is a 401 JSON error; never a 5xx', async () => {
    for (const token of [null, 'wrong', '']) {
      const { status, body, headers } = await admin(sandbox, 'GET', '/orders', undefined, { token });
      assert.equal(status, 401, String(token));
      assert.deepEqual([body.error.type, body.error.code], ['authentication_error', 'admin_unauthorized']);
      assert.match(headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    const basic = await sandbox.app.request('/admin/api/orders', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } });
    assert.equal(basic.status, 401);
  });

  test('without ADMIN_TOKEN the admin API is off, and says so', async () => {
    const off = await createSandboxServer({ catalog });
    const response = await off.app.request('/admin/api/orders', { headers: { Authorization: 'Bearer anything' } });
    assert.equal(response.status, 503);
    assert.equal(((await response.json()) as any).error.code, 'admin_disabled');
    await off.close();
  });

  test('never CORS-open: a preflight from another origin gets no Access-Control-Allow-Origin', async () => {
    const response = await sandbox.app.request('/admin/api/orders', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' } });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const get = await sandbox.app.request('/admin/api/orders', { headers: { Origin: 'https://evil.example' } });
    assert.equal(get.headers.get('access-control-allow-origin'), null);
  });
});

describe('admin API: orders', () => {
  test('list filters by status, mode and email, newest first, with a cursor', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await paidCheckout(sandbox, { item: 'sticker-pack', email: `list-${i}@example.com` }));
    await paidCheckout(sandbox, { mode: 'setup', email: 'list-setup@example.com' });
    const page1 = await admin(sandbox, 'GET', '/orders?mode=payment&status=paid&limit=2');
    assert.equal(page1.status, 200);
    assert.equal(page1.body.data.length, 2);
    assert.ok(page1.body.data.every((o: any) => o.mode === 'payment' && o.status === 'paid'));
    assert.ok(page1.body.nextCursor);
    const page2 = await admin(sandbox, 'GET', `/orders?mode=payment&status=paid&limit=2&starting_after=${page1.body.nextCursor}`);
    const ids = [...page1.body.data, ...page2.body.data].map((o: any) => o.id);
    assert.equal(new Set(ids).size, ids.length, 'no order twice across pages');
    assert.deepEqual(ids.slice(0, 3), made.map((m) => m.orderId).reverse(), 'newest first');
    const byEmail = await admin(sandbox, 'GET', '/orders?email=LIST-1@example.com');
    assert.deepEqual(byEmail.body.data.map((o: any) => o.id), [made[1].orderId]);
    const setups = await admin(sandbox, 'GET', '/orders?mode=setup');
    assert.ok(setups.body.data.every((o: any) => o.mode === 'setup' && o.status === 'saved'));
    const future = await admin(sandbox, 'GET', '/orders?created_from=2999-01-01');
    assert.deepEqual(future.body.data, []);
  });

  test('bad filters are a 400 naming the parameter', async () => {
    for (const [query, param] of [['status=shipped', 'status'], ['limit=0', 'limit'], ['created_from=yesterday', 'created_from'], ['starting_after=x%00', 'starting_after']]) {
      const { status, body } = await admin(sandbox, 'GET', `/orders?${query}`);
      assert.equal(status, 400, query);
      assert.equal(body.error.param, param);
    }
  });

  test('show: ids, amounts and the history of each status change with its cause', async () => {
    const { orderId, paymentIntentId } = await paidCheckout(sandbox, { item: 'mug' });
    const { status, body } = await admin(sandbox, 'GET', `/orders/${orderId}`);
    assert.equal(status, 200);
    assert.deepEqual([body.order.paymentIntentId, body.order.amount, body.order.amountReceived, body.order.source], [paymentIntentId, 1200, 1200, 'catalog']);
    assert.deepEqual(body.history.map((h: any) => h.to), ['pending', 'paid']);
    assert.match(body.history[1].cause, /^payment_intent\.succeeded evt_/);
    assert.equal((await admin(sandbox, 'GET', '/orders/ord_doesnotexist')).status, 404);
    assert.equal((await admin(sandbox, 'GET', '/orders/%00')).status, 404);
  });
});

describe('admin API: capture, cancel, refund', () => {
  test('capture an authorized payment in full', async () => {
    const { orderId } = await paidCheckout(sandbox, { item: 'mug', capture: 'manual' });
    const { status, body } = await admin(sandbox, 'POST', `/orders/${orderId}/capture`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual([body.order.status, body.order.amountReceived], ['paid', 1200]);
    assert.equal(body.history.at(-1).cause, 'admin: capture 1200');
    assert.equal(await orderStatus(sandbox, orderId), 'paid', 'the later webhook agrees');
  });

  test('capture a smaller amount; more than capturable is a 400 with param', async () => {
    const { orderId } = await paidCheckout(sandbox, { item: 'tshirt', capture: 'manual' });
    const tooMuch = await admin(sandbox, 'POST', `/orders/${orderId}/capture`, { amount: 2501 });
    assert.deepEqual([tooMuch.status, tooMuch.body.error.code, tooMuch.body.error.param], [400, 'amount_too_large', 'amount']);
    const { body } = await admin(sandbox, 'POST', `/orders/${orderId}/capture`, { amount: 2000 });
    assert.deepEqual([body.order.status, body.order.amountReceived], ['paid', 2000]);
    assert.equal(await orderStatus(sandbox, orderId), 'paid', 'a merchant\'s partial capture is not held for review');
  });

  test('cancel an authorization', async () => {
    const { orderId } = await paidCheckout(sandbox, { item: 'mug', capture: 'manual' });
    const { body } = await admin(sandbox, 'POST', `/orders/${orderId}/cancel`);
    assert.equal(body.order.status, 'canceled');
    assert.equal(await orderStatus(sandbox, orderId), 'canceled');
  });

  test('refund in part, then the rest; more than refundable is a 400; then nothing is left', async () => {
    const { orderId } = await paidCheckout(sandbox, { item: 'tshirt' });
    const part = await admin(sandbox, 'POST', `/orders/${orderId}/refund`, { amount: 500 });
    assert.equal(part.status, 200, JSON.stringify(part.body));
    assert.deepEqual([part.body.order.status, part.body.order.amountRefunded], ['paid', 500]);
    const tooMuch = await admin(sandbox, 'POST', `/orders/${orderId}/refund`, { amount: 2001 });
    assert.deepEqual([tooMuch.status, tooMuch.body.error.param], [400, 'amount']);
    const rest = await admin(sandbox, 'POST', `/orders/${orderId}/refund`);
    assert.deepEqual([rest.body.order.status, rest.body.order.amountRefunded], ['refunded', 2500]);
    const again = await admin(sandbox, 'POST', `/orders/${orderId}/refund`);
    assert.deepEqual([again.status, again.body.error.code], [409, 'order_not_refundable']);
    assert.equal(await orderStatus(sandbox, orderId), 'refunded', 'charge.refunded agrees');
  });

  test('a retried refund never refunds twice: the same Idempotency-Key, or the same request without one', async () => {
    const { orderId, paymentIntentId } = await paidCheckout(sandbox, { item: 'tshirt' });
    const [a, b] = await Promise.all([
      admin(sandbox, 'POST', `/orders/${orderId}/refund`, { amount: 300 }, { key: 'click-1' }),
      admin(sandbox, 'POST', `/orders/${orderId}/refund`, { amount: 300 }, { key: 'click-1' }),
    ]);
    assert.ok([a.status, b.status].includes(200));
    await admin(sandbox, 'POST', `/orders/${orderId}/refund`, { amount: 300 }, { key: 'click-1' });
    const refunds = await sandbox.emulator.stripeClient().refunds.list({ payment_intent: paymentIntentId });
    assert.equal(refunds.data.length, 1);
    // A second, deliberate refund of the same amount takes another key.
    const second = await admin(sandbox, 'POST', `/orders/${orderId}/refund`, { amount: 300 }, { key: 'click-2' });
    assert.equal(second.body.order.amountRefunded, 600);
  });

  test('actions on an order in the wrong state are 409s with a clear code', async () => {
    const { orderId } = await paidCheckout(sandbox, { item: 'mug' });
    const capture = await admin(sandbox, 'POST', `/orders/${orderId}/capture`);
    assert.deepEqual([capture.status, capture.body.error.code], [409, 'order_not_capturable']);
    const cancel = await admin(sandbox, 'POST', `/orders/${orderId}/cancel`);
    assert.deepEqual([cancel.status, cancel.body.error.code], [409, 'order_not_cancelable']);
    const { orderId: authorized } = await paidCheckout(sandbox, { item: 'mug', capture: 'manual' });
    const refund = await admin(sandbox, 'POST', `/orders/${authorized}/refund`);
    assert.deepEqual([refund.status, refund.body.error.code], [409, 'order_not_refundable']);
    const missing = await admin(sandbox, 'POST', '/orders/ord_nope/capture');
    assert.equal(missing.status, 404);
    const badAmount = await admin(sandbox, 'POST', `/orders/${authorized}/capture`, { amount: '12.00' });
    assert.deepEqual([badAmount.status, badAmount.body.error.param], [400, 'amount']);
  });
});
