// Confirms Stripe refuses before anything happens: a missing return_url for intents with
// automatic payment methods, and a ConfirmationToken made for differently configured Elements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARDS, RETURN_URL, browser, browserToken, harness, rejects } from './helpers.ts';

/** A browser-made token that names no return_url (Stripe.js sends one only when the page passes it). */
const tokenWithoutReturnUrl = (h: ReturnType<typeof harness>) => browserToken(h.emu, CARDS.visa, { return_url: '' });

function assertReturnUrlRefusal(err: any, kind: 'PaymentIntent' | 'SetupIntent'): void {
  assert.equal(err.statusCode, 400);
  assert.equal(err.rawType, 'invalid_request_error');
  assert.equal(err.param, 'return_url');
  assert.match(err.message, new RegExp(`return_url is required to confirm this ${kind}`));
  assert.match(err.message, /allow_redirects\]=never/);
}

test('PaymentIntent create+confirm with automatic payment methods and no return_url anywhere: 400, no intent created', async () => {
  const h = harness();
  const token = await tokenWithoutReturnUrl(h);
  const err = await rejects(() => h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token }));
  assertReturnUrlRefusal(err, 'PaymentIntent');
  assert.equal((await h.stripe.paymentIntents.list()).data.length, 0);
  // The token was not consumed: with a return_url on the request the same token pays.
  const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token, return_url: RETURN_URL });
  assert.equal(pi.status, 'succeeded');
});

test('PaymentIntent confirm without return_url: 400 and the intent is unchanged', async () => {
  const h = harness();
  const created = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const token = await tokenWithoutReturnUrl(h);
  const err = await rejects(() => h.stripe.paymentIntents.confirm(created.id, { confirmation_token: token, receipt_email: 'a@example.com' }));
  assertReturnUrlRefusal(err, 'PaymentIntent');
  const after = await h.stripe.paymentIntents.retrieve(created.id);
  assert.equal(after.status, 'requires_payment_method');
  assert.equal(after.receipt_email, null);
  assert.equal((await h.stripe.paymentIntents.confirm(created.id, { confirmation_token: token, return_url: RETURN_URL })).status, 'succeeded');
});

test('a return_url is not needed with allow_redirects=never, or off session', async () => {
  const h = harness();
  const never = await h.stripe.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    confirm: true,
    confirmation_token: await tokenWithoutReturnUrl(h),
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
  assert.equal(never.status, 'succeeded');
  const offSession = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, payment_method: 'pm_card_visa', off_session: true });
  assert.equal(offSession.status, 'succeeded');
  const onSession = await rejects(() => h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' }));
  assertReturnUrlRefusal(onSession, 'PaymentIntent');
});

test('SetupIntents: create+confirm and confirm without return_url are refused; allow_redirects=never is not', async () => {
  const h = harness();
  const customer = await h.stripe.customers.create({});
  const token = await tokenWithoutReturnUrl(h);
  const createErr = await rejects(() => h.stripe.setupIntents.create({ customer: customer.id, confirm: true, confirmation_token: token }));
  assertReturnUrlRefusal(createErr, 'SetupIntent');
  assert.equal(h.emu.state.setupIntents.size, 0, 'no SetupIntent was created');

  const si = await h.stripe.setupIntents.create({ customer: customer.id });
  const confirmErr = await rejects(() => h.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' }));
  assertReturnUrlRefusal(confirmErr, 'SetupIntent');
  assert.equal((await h.stripe.setupIntents.retrieve(si.id)).status, 'requires_payment_method');
  assert.equal((await h.stripe.setupIntents.confirm(si.id, { confirmation_token: token, return_url: RETURN_URL })).status, 'succeeded');

  const never = await h.stripe.setupIntents.create({
    customer: customer.id,
    confirm: true,
    confirmation_token: await tokenWithoutReturnUrl(h),
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
  assert.equal(never.status, 'succeeded');
  assert.equal(never.automatic_payment_methods?.allow_redirects, 'never');
});

// ConfirmationTokens carry the Elements options they were made with; a PaymentIntent set up
// differently is refused.

const context = (extra: Record<string, string> = {}) => ({ 'client_context[mode]': 'payment', 'client_context[currency]': 'usd', ...extra });

test('client_context is accepted on browser token creation and never shown on the token', async () => {
  const h = harness();
  const token = await browserToken(h.emu, CARDS.visa, context({ 'client_context[capture_method]': 'manual', 'client_context[payment_method_types][0]': 'card' }));
  const seen = await h.stripe.confirmationTokens.retrieve(token);
  assert.equal('client_context' in seen, false);
  const bad = await browser(h.emu, 'POST', '/v1/confirmation_tokens', { 'payment_method_data[type]': 'card', 'client_context[mode]': 'rental' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.param, 'client_context[mode]');
});

test('setup_future_usage must agree between token and PaymentIntent, both ways; nothing changes when refused', async () => {
  const h = harness();
  const customer = await h.stripe.customers.create({});
  const plain = await browserToken(h.emu, CARDS.visa);
  const err = await rejects(() =>
    h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, setup_future_usage: 'off_session', confirm: true, confirmation_token: plain }),
  );
  assert.equal(err.statusCode, 400);
  assert.equal(err.rawType, 'invalid_request_error');
  assert.equal(err.param, 'setup_future_usage');
  assert.match(err.message, /setup_future_usage \(off_session\).*ConfirmationToken \(null\)/);
  assert.equal(h.emu.state.paymentIntents.size, 0);

  const saving = await browserToken(h.emu, CARDS.visa, { setup_future_usage: 'off_session', ...context({ 'client_context[setup_future_usage]': 'off_session' }) });
  const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id });
  const reverse = await rejects(() => h.stripe.paymentIntents.confirm(pi.id, { confirmation_token: saving }));
  assert.equal(reverse.param, 'setup_future_usage');
  assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).setup_future_usage, null);
  // The confirm request may set it; then they agree and the card is saved.
  const paid = await h.stripe.paymentIntents.confirm(pi.id, { confirmation_token: saving, setup_future_usage: 'off_session' });
  assert.equal(paid.status, 'succeeded');
  assert.equal((await h.stripe.paymentMethods.retrieve(paid.payment_method as string)).customer, customer.id);
});

test('capture_method must agree with the token\'s Elements captureMethod; tokens without client_context are not checked', async () => {
  const h = harness();
  const manualToken = await browserToken(h.emu, CARDS.visa, context({ 'client_context[capture_method]': 'manual' }));
  const automatic = await rejects(() => h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: manualToken }));
  assert.equal(automatic.statusCode, 400);
  assert.equal(automatic.param, 'capture_method');
  assert.match(automatic.message, /capture_method \(automatic_async\).*captureMethod.*\(manual\)/);
  const held = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'manual', confirm: true, confirmation_token: manualToken });
  assert.equal(held.status, 'requires_capture');

  // Elements without captureMethod capture automatically: a manual intent does not match them.
  const defaultToken = await browserToken(h.emu, CARDS.visa, context());
  const manual = await rejects(() => h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'manual', confirm: true, confirmation_token: defaultToken }));
  assert.equal(manual.param, 'capture_method');
  const sameCapture = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'automatic', confirm: true, confirmation_token: defaultToken });
  assert.equal(sameCapture.status, 'succeeded', 'automatic and automatic_async both capture at once');

  const helperToken = await h.stripe.testHelpers.confirmationTokens.create({ payment_method: 'pm_card_visa', return_url: RETURN_URL });
  const unchecked = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'manual', confirm: true, confirmation_token: helperToken.id });
  assert.equal(unchecked.status, 'requires_capture');
});

test('a publishable-key confirm (Stripe.js confirmPayment) is checked the same way', async () => {
  const h = harness();
  const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', capture_method: 'manual' });
  const token = await browserToken(h.emu, CARDS.visa, context());
  const res = await browser(h.emu, 'POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret!, confirmation_token: token });
  assert.equal(res.status, 400);
  assert.equal(res.body.error.param, 'capture_method');
  assert.equal((await h.stripe.paymentIntents.retrieve(pi.id)).status, 'requires_payment_method');
});
