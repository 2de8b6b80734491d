import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARDS, browser, browserToken, harness, rejects } from './helpers.ts';

test('browser-created token exposes a preview, never the number', async () => {
  const { emu, stripe } = harness();
  const id = await browserToken(emu, CARDS.visa, {
    'shipping[name]': 'Jenny Rosen',
    'shipping[address][line1]': '1 Main St',
    'shipping[address][country]': 'US',
    return_url: 'http://shop.example/done',
  });
  const token = await stripe.confirmationTokens.retrieve(id);
  assert.equal(token.object, 'confirmation_token');
  assert.equal(token.payment_method_preview?.type, 'card');
  assert.equal(token.payment_method_preview?.card?.brand, 'visa');
  assert.equal(token.payment_method_preview?.card?.last4, '4242');
  assert.equal(token.payment_method_preview?.card?.exp_month, 12);
  assert.equal(token.payment_method_preview?.billing_details.name, 'Jenny Rosen');
  assert.equal(token.payment_method_preview?.billing_details.email, 'jenny@example.com');
  assert.equal(token.shipping?.address.line1, '1 Main St');
  assert.equal(token.return_url, 'http://shop.example/done');
  assert.equal(token.expires_at! - token.created, 12 * 3600);
  assert.equal(token.payment_intent, null);
  assert.ok(!JSON.stringify(token).includes(CARDS.visa), 'full number must not leak');
});

test('Luhn-invalid number -> 402 card_error incorrect_number', async () => {
  const { emu } = harness();
  const res = await browser(emu, 'POST', '/v1/confirmation_tokens', {
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': '4242424242424241',
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 1),
  });
  assert.equal(res.status, 402);
  assert.equal(res.body.error.type, 'card_error');
  assert.equal(res.body.error.code, 'incorrect_number');
});

test('missing card number -> 400 parameter_missing; expired card -> 402', async () => {
  const { emu } = harness();
  const missing = await browser(emu, 'POST', '/v1/confirmation_tokens', {
    'payment_method_data[type]': 'card',
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': '2030',
  });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.code, 'parameter_missing');
  assert.equal(missing.body.error.param, 'payment_method_data[card][number]');
  const expired = await browser(emu, 'POST', '/v1/confirmation_tokens', {
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': CARDS.visa,
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': '2001',
  });
  assert.equal(expired.status, 402);
  assert.equal(expired.body.error.code, 'invalid_expiry_year');
});

test('test helper creates tokens from pm_card_* test methods', async () => {
  const { stripe } = harness();
  const visa = await stripe.testHelpers.confirmationTokens.create({ payment_method: 'pm_card_visa' });
  assert.match(visa.id, /^ctoken_/);
  assert.equal(visa.payment_method_preview?.card?.last4, '4242');
  const auth = await stripe.testHelpers.confirmationTokens.create({ payment_method: 'pm_card_authenticationRequired' });
  assert.equal(auth.payment_method_preview?.card?.last4, '3184');
  const declined = await stripe.testHelpers.confirmationTokens.create({ payment_method: 'pm_card_chargeDeclined' });
  assert.equal(declined.payment_method_preview?.card?.last4, '0002');
  const err = await rejects(() => stripe.testHelpers.confirmationTokens.create({ payment_method: 'pm_missing' }));
  assert.equal(err.statusCode, 404);
});

test('a token expires 12 hours after creation', async () => {
  let clock = Date.UTC(2030, 0, 1);
  const { emu, stripe } = harness({ now: () => clock });
  const token = await browserToken(emu, CARDS.visa, { 'payment_method_data[card][exp_year]': '2033' });
  clock += 12 * 3600 * 1000 + 1000;
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirm: true, confirmation_token: token }));
  assert.equal(err.statusCode, 400);
  assert.equal(err.param, 'confirmation_token');
});

test('a token confirms one intent only', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.visa);
  const pi = await stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirm: true, confirmation_token: token });
  assert.equal((await stripe.confirmationTokens.retrieve(token)).payment_intent, pi.id);
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirm: true, confirmation_token: token }));
  assert.equal(err.statusCode, 400);
  assert.equal(err.param, 'confirmation_token');
});

test('create+confirm with a used token fails without creating an intent', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.visa);
  await stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirm: true, confirmation_token: token });
  await rejects(() => stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirm: true, confirmation_token: token }));
  assert.equal(emu.state.paymentIntents.size, 1);
});

test('confirmation_token without confirm=true is rejected', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.visa);
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 500, currency: 'usd', confirmation_token: token }));
  assert.equal(err.param, 'confirmation_token');
});
