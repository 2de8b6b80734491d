import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SANDBOX_SIGNING_SECRET, type SandboxServer } from '../../sandbox/wire.ts';
import { signCustomer } from '../../server/pricing/index.ts';
import { parseReturnUrl } from '../../server/routes/sessions.ts';
import { admin, newAdminSandbox, paidCheckout } from './admin-helpers.ts';
import { attemptId, CARDS, confirmationToken, postJson } from './helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newAdminSandbox(); });
after(() => sandbox.close());

const PAGE = 'https://blog.example/shop?ref=news';
const CARD = { 'card[number]': CARDS.success, 'card[exp_month]': '12', 'card[exp_year]': String(new Date().getFullYear() + 2), 'card[cvc]': '123' };
const stripe = () => sandbox.emulator.stripeClient();

async function createSession(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await sandbox.app.request('/api/checkout-sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ attemptId: attemptId(), returnUrl: PAGE, ...body }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The customer on the sandbox's hosted page, or in its embedded form (publishable key + client secret). */
async function completeHosted(url: string) {
  const form = new URLSearchParams({ 'billing_details[email]': 'jenny@example.com', ...CARD });
  return sandbox.app.request(`${new URL(url).pathname}/complete`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
}
async function completeEmbedded(sessionId: string, clientSecret: string) {
  const form = new URLSearchParams({ client_secret: clientSecret, 'billing_details[email]': 'jenny@example.com', ...CARD });
  const response = await sandbox.app.request(`/sandbox/stripe/_sandbox/checkout/${sessionId}/complete`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return (await response.json()) as { redirect_url: string };
}

async function lookup(sessionId: string) {
  await sandbox.emulator.webhooksIdle();
  const response = await sandbox.app.request(`/api/checkout-sessions/${sessionId}`);
  return { status: response.status, body: (await response.json()) as any };
}

/** A returning customer: one who saved a card in setup mode, and their signed reference. */
async function returningCustomer() {
  const { customerId } = await paidCheckout(sandbox, { mode: 'setup' });
  const [method] = (await stripe().customers.listPaymentMethods(customerId)).data;
  return { customerId, paymentMethodId: method!.id, customerSignature: await signCustomer(SANDBOX_SIGNING_SECRET, customerId) };
}

describe('POST /api/checkout-sessions (ui="hosted" / ui="embedded")', () => {
  test('hosted setup: a session returning to the page, a retry makes the same one, and the card is saved to a new Customer as the default', async () => {
    const request = { attemptId: attemptId(), ui: 'hosted', mode: 'setup', currency: 'eur', email: 'jenny@example.com' };
    const first = await createSession(request);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.match(first.body.url, /\/_sandbox\/checkout\/cs_test_/);
    assert.equal(first.body.clientSecret, undefined);
    const again = await createSession(request);
    assert.deepEqual([again.body.orderId, again.body.sessionId], [first.body.orderId, first.body.sessionId]);

    const session = await stripe().checkout.sessions.retrieve(first.body.sessionId);
    assert.deepEqual([session.mode, session.currency, session.ui_mode], ['setup', 'eur', 'hosted_page']);
    assert.equal(session.success_url, `${PAGE}&session_id={CHECKOUT_SESSION_ID}`);
    assert.equal(session.cancel_url, PAGE);

    const done = await completeHosted(first.body.url);
    assert.equal(done.headers.get('location'), `${PAGE}&session_id=${first.body.sessionId}`);
    const returned = await lookup(first.body.sessionId);
    assert.deepEqual(returned.body, {
      orderId: first.body.orderId, item: null, mode: 'setup', status: 'saved', name: 'Save a payment method', amount: 0, currency: 'eur',
      customerId: returned.body.customerId, setupIntentId: returned.body.setupIntentId,
    });
    assert.match(returned.body.setupIntentId, /^seti_/);
    assert.match(returned.body.customerId, /^cus_/);
    const customer = (await admin(sandbox, 'GET', `/customers/${returned.body.customerId}`)).body;
    assert.match(customer.defaultPaymentMethod, /^pm_/, 'the saved card is the default');
  });

  test('embedded payment: the catalog price, whatever amount the page claims; paid after the return', async () => {
    const created = await createSession({ ui: 'embedded', item: 'tshirt', amount: 1 });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.match(created.body.clientSecret, /^cs_test_\w+_secret_/);
    assert.equal(created.body.url, undefined);
    const session = await stripe().checkout.sessions.retrieve(created.body.sessionId);
    assert.deepEqual([session.amount_total, session.currency, session.ui_mode, session.return_url], [2500, 'usd', 'embedded_page', `${PAGE}&session_id={CHECKOUT_SESSION_ID}`]);
    assert.equal(session.customer, null, 'a payment needs no Customer');

    const { redirect_url } = await completeEmbedded(created.body.sessionId, created.body.clientSecret);
    assert.equal(redirect_url, `${PAGE}&session_id=${created.body.sessionId}`);
    const returned = await lookup(created.body.sessionId);
    assert.deepEqual([returned.body.orderId, returned.body.item, returned.body.mode, returned.body.status], [created.body.orderId, 'tshirt', 'payment', 'paid']);
  });

  test('a subscription and a signed amount go through the same price rules', async () => {
    const subscription = await createSession({ ui: 'hosted', item: 'pro-monthly' });
    const session = await stripe().checkout.sessions.retrieve(subscription.body.sessionId);
    assert.deepEqual([session.mode, session.amount_total], ['subscription', 900]);
    const forged = await createSession({ ui: 'hosted', amount: 100, currency: 'eur', signature: 'A'.repeat(43) });
    assert.deepEqual([forged.status, forged.body.error.code], [400, 'signature_mismatch']);
  });

  test('refuses what a session cannot do, naming the field; nothing is made', async () => {
    const before = sandbox.emulator.state.checkoutSessions.size;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ui: 'popup', item: 'tshirt' }, 'ui'],
      [{ ui: 'hosted', item: 'tshirt', returnUrl: 'javascript:alert(1)' }, 'returnUrl'],
      [{ ui: 'hosted', item: 'tshirt', returnUrl: '/relative' }, 'returnUrl'],
      [{ ui: 'hosted', item: 'tshirt', returnUrl: 'https://user:pw@blog.example/' }, 'returnUrl'],
      [{ ui: 'hosted', item: 'tshirt', attemptId: 'x' }, 'attemptId'],
      [{ ui: 'hosted', item: 'yacht' }, 'item'],
      [{ ui: 'hosted', item: 'mug', capture: 'manual' }, 'capture'],
      [{ ui: 'hosted', item: 'mug', save: 'off_session' }, 'save'],
      [{ ui: 'hosted', order: 'ord_abc' }, 'order'],
    ];
    for (const [body, param] of cases) {
      const { status, body: error } = await createSession(body);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(error.error.param, param, JSON.stringify(error));
    }
    const elsewhere = await createSession({ ui: 'hosted', item: 'tshirt' }, { Origin: 'https://evil.example' });
    assert.deepEqual([elsewhere.status, elsewhere.body.error.param], [400, 'returnUrl']);
    assert.equal(sandbox.emulator.state.checkoutSessions.size, before);
  });

  test('an unknown session is a 404', async () => {
    assert.equal((await lookup('cs_test_nope')).status, 404);
    assert.equal((await lookup('pi_123')).status, 404);
  });
});

describe('parseReturnUrl', () => {
  test('keeps the query, drops the fragment, and takes the asking page\'s origin only', () => {
    assert.equal(parseReturnUrl('https://blog.example/a?b=1#top', 'https://blog.example'), 'https://blog.example/a?b=1');
    assert.equal(parseReturnUrl('http://localhost:3000/', undefined), 'http://localhost:3000/');
    assert.throws(() => parseReturnUrl('https://blog.example/', 'https://other.example'), { extra: { param: 'returnUrl' } });
    assert.throws(() => parseReturnUrl('data:text/html,hi', undefined), { extra: { param: 'returnUrl' } });
    assert.throws(() => parseReturnUrl(42, undefined), { extra: { param: 'returnUrl' } });
  });
});

describe('returning customers (signed reference, seed 002 CustomerSession)', () => {
  test('a signed reference gets a CustomerSession that lists their saved card', async () => {
    const { customerId, paymentMethodId, customerSignature } = await returningCustomer();
    const response = await postJson(sandbox, '/api/customer-sessions', { customer: customerId, customerSignature });
    const { clientSecret } = (await response.json()) as { clientSecret: string };
    assert.match(clientSecret, /^cuss_secret_/);
    const saved = await sandbox.app.request(`/sandbox/stripe/_sandbox/customer_sessions/payment_methods?customer_session_client_secret=${clientSecret}`, {
      headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}` },
    });
    const list = (await saved.json()) as { customer: string; data: Array<{ id: string }> };
    assert.equal(list.customer, customerId);
    assert.deepEqual(list.data.map((method) => method.id), [paymentMethodId]);
  });

  test('an unsigned or wrongly signed reference is refused, and no CustomerSession is made', async () => {
    const { customerId } = await returningCustomer();
    const before = sandbox.emulator.state.customerSessions.size;
    const other = await signCustomer(SANDBOX_SIGNING_SECRET, 'cus_someoneelse');
    for (const [body, code] of [
      [{ customer: customerId }, 'customer_signature_missing'],
      [{ customer: customerId, customerSignature: other }, 'customer_signature_mismatch'],
      [{ customer: customerId, customerSignature: 'not-a-signature' }, 'customer_signature_mismatch'],
      [{ customerSignature: other }, 'parameter_missing'],
    ] as const) {
      const response = await postJson(sandbox, '/api/customer-sessions', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(((await response.json()) as any).error.code, code);
    }
    const quote = await sandbox.app.request(`/api/quote?item=tshirt&customer=${customerId}&customerSignature=${other}`);
    assert.equal(quote.status, 400, 'the quote refuses it too, so the element shows an error state');
    assert.equal(sandbox.emulator.state.customerSessions.size, before);
  });

  test('paying with a saved card: the PaymentIntent is made for the card\'s Customer', async () => {
    const { customerId, paymentMethodId } = await returningCustomer();
    // As the Payment Element sends a saved method it listed through a CustomerSession the site made.
    const token = await savedMethodToken(paymentMethodId);
    const paid = (await (await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, item: 'tshirt' })).json()) as any;
    assert.equal(paid.status, 'succeeded', JSON.stringify(paid));
    assert.equal(paid.customerId, customerId);
    const intent = await stripe().paymentIntents.retrieve(paid.paymentIntentId);
    assert.deepEqual([intent.customer, intent.payment_method, intent.amount], [customerId, paymentMethodId, 2500]);
  });

  test('a new card with a signed reference is paid for that Customer, and saved to them when asked', async () => {
    const { customerId, customerSignature } = await returningCustomer();
    const token = await confirmationToken(sandbox, CARDS.success, { setup_future_usage: 'off_session' });
    const paid = (await (await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, item: 'mug', save: 'off_session', customer: customerId, customerSignature })).json()) as any;
    assert.equal(paid.customerId, customerId, JSON.stringify(paid));
    const intent = await stripe().paymentIntents.retrieve(paid.paymentIntentId);
    assert.equal(intent.customer, customerId);
    const methods = (await stripe().customers.listPaymentMethods(customerId)).data;
    assert.equal(methods.length, 2, 'the new card joined the saved one');
  });

  test("another Customer's saved card cannot be paid with under a signed reference", async () => {
    const mine = await returningCustomer();
    const theirs = await returningCustomer();
    const token = await savedMethodToken(theirs.paymentMethodId);
    const response = await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, item: 'tshirt', customer: mine.customerId, customerSignature: mine.customerSignature });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as any).error.code, 'payment_method_customer_mismatch');
  });

  test('a signed reference makes a Checkout Session for that Customer', async () => {
    const { customerId, customerSignature } = await returningCustomer();
    const created = await createSession({ ui: 'embedded', item: 'tshirt', customer: customerId, customerSignature });
    const session = await stripe().checkout.sessions.retrieve(created.body.sessionId);
    assert.equal(session.customer, customerId);
  });
});

describe('the order page (GET /api/quote?order=)', () => {
  test("an admin's embedded setup session: the page gets its client secret, then says it is saved", async () => {
    const { customerId } = await returningCustomer();
    const created = (await admin(sandbox, 'POST', '/checkout-sessions', { mode: 'setup', ui: 'embedded', customer: customerId })).body;
    const quote = (await (await sandbox.app.request(`/api/quote?order=${created.orderId}`)).json()) as any;
    assert.deepEqual([quote.rule, quote.mode, quote.amount], ['order', 'setup', 0]);
    assert.deepEqual(quote.checkoutSession, { ui: 'embedded', clientSecret: created.clientSecret });

    const { redirect_url } = await completeEmbedded(created.sessionId, created.clientSecret);
    assert.equal(redirect_url, `https://shop.example/pay/${created.orderId}?session_id=${created.sessionId}`);
    assert.equal((await lookup(created.sessionId)).body.status, 'saved');
    const after = await sandbox.app.request(`/api/quote?order=${created.orderId}`);
    assert.equal(after.status, 409);
    assert.equal(((await after.json()) as any).error.code, 'order_already_saved');
  });

  test("a hosted session's page points at Stripe's page; an expired one says so", async () => {
    const created = (await admin(sandbox, 'POST', '/checkout-sessions', { mode: 'payment', ui: 'hosted', item: 'mug' })).body;
    const quote = (await (await sandbox.app.request(`/api/quote?order=${created.orderId}`)).json()) as any;
    assert.deepEqual([quote.mode, quote.amount, quote.checkoutSession], ['payment', 1200, { ui: 'hosted', url: created.url }]);
    await stripe().checkout.sessions.expire(created.sessionId);
    const expired = await sandbox.app.request(`/api/quote?order=${created.orderId}`);
    assert.deepEqual([expired.status, ((await expired.json()) as any).error.code], [409, 'order_expired']);
  });

  test('a checkout order that is not the shop\'s to complete again is not payable here', async () => {
    const { orderId } = await paidCheckout(sandbox, { item: 'tshirt' });
    const response = await sandbox.app.request(`/api/quote?order=${orderId}`);
    assert.deepEqual([response.status, ((await response.json()) as any).error.code], [409, 'order_already_paid']);
  });
});

/** A ConfirmationToken for a saved PaymentMethod, as the Payment Element makes one (publishable key). */
async function savedMethodToken(paymentMethodId: string): Promise<string> {
  const response = await sandbox.app.request('/sandbox/stripe/v1/confirmation_tokens', {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ payment_method: paymentMethodId, return_url: PAGE }),
  });
  const token = (await response.json()) as { id: string };
  assert.equal(response.status, 200, JSON.stringify(token));
  return token.id;
}
