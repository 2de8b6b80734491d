// Confirms Stripe refuses before anything happens: a missing return_url for intents with
// automatic payment methods.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARDS, RETURN_URL, browserToken, harness, rejects } from './helpers.ts';

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
