import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARDS, browser, browserToken, harness } from './helpers.ts';

const year = String(new Date().getUTCFullYear() + 2);
const cardData = (number: string) => ({
  'payment_method_data[type]': 'card',
  'payment_method_data[card][number]': number,
  'payment_method_data[card][exp_month]': '12',
  'payment_method_data[card][exp_year]': year,
  'payment_method_data[card][cvc]': '123',
  'payment_method_data[billing_details][name]': 'Jenny Rosen',
});

test('pk confirmPayment with a confirmation token and return_url succeeds; answer is the client view', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({});
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', customer: customer.id });
  const res = await browser(emu, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
    client_secret: pi.client_secret!,
    confirmation_token: await browserToken(emu, CARDS.visa),
    return_url: 'https://shop.example/return',
  });
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'succeeded');
  assert.equal(res.body.customer, undefined, 'customer is not client-visible');
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'succeeded');
  const types = (await stripe.events.list()).data.map((e) => e.type);
  assert.ok(types.includes('payment_intent.succeeded'));
});

test('pk confirmPayment with payment_method_data; 3DS gives requires_action; declines are 402', async () => {
  const { emu, stripe } = harness();
  const ok = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  const done = await browser(emu, 'POST', `/v1/payment_intents/${ok.id}/confirm`, { client_secret: ok.client_secret!, ...cardData(CARDS.visa), return_url: 'https://shop.example/r' });
  assert.equal(done.body.status, 'succeeded');
  assert.match(done.body.payment_method, /^pm_/);

  const tds = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  const action = await browser(emu, 'POST', `/v1/payment_intents/${tds.id}/confirm`, { client_secret: tds.client_secret!, ...cardData(CARDS.threeDS) });
  assert.equal(action.body.status, 'requires_action');
  assert.equal(action.body.next_action.type, 'use_stripe_sdk');

  const bad = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  const declined = await browser(emu, 'POST', `/v1/payment_intents/${bad.id}/confirm`, { client_secret: bad.client_secret!, ...cardData(CARDS.declined) });
  assert.equal(declined.status, 402);
  assert.equal(declined.body.error.decline_code, 'generic_decline');
});

test('pk confirm needs the matching client_secret and one payment source', async () => {
  const { emu, stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  const missing = await browser(emu, 'POST', `/v1/payment_intents/${pi.id}/confirm`, cardData(CARDS.visa));
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.param, 'client_secret');
  const wrong = await browser(emu, 'POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: `${pi.id}_secret_nope`, ...cardData(CARDS.visa) });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.param, 'client_secret');
  const both = await browser(emu, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
    client_secret: pi.client_secret!,
    confirmation_token: await browserToken(emu, CARDS.visa),
    ...cardData(CARDS.visa),
  });
  assert.equal(both.body.error.code, 'parameters_exclusive');
  const unknown = await browser(emu, 'POST', `/v1/payment_intents/${pi.id}/confirm`, { client_secret: pi.client_secret!, capture_method: 'manual' });
  assert.equal(unknown.body.error.code, 'parameter_unknown');
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'requires_payment_method');
});

test('pk confirmSetup saves the card to the customer; a second confirm is unexpected_state', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({});
  const si = await stripe.setupIntents.create({ customer: customer.id });
  const res = await browser(emu, 'POST', `/v1/setup_intents/${si.id}/confirm`, {
    client_secret: si.client_secret!,
    confirmation_token: await browserToken(emu, CARDS.visa),
    return_url: 'https://shop.example/return',
  });
  assert.equal(res.body.status, 'succeeded');
  assert.equal(res.body.customer, undefined);
  const pms = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
  assert.equal(pms.data.length, 1);
  const again = await browser(emu, 'POST', `/v1/setup_intents/${si.id}/confirm`, { client_secret: si.client_secret!, ...cardData(CARDS.visa) });
  assert.equal(again.status, 400);
  assert.equal(again.body.error.code, 'setup_intent_unexpected_state');
});

test('secret-key confirm still rejects client-only params', async () => {
  const { stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd' });
  const err = await stripe.paymentIntents.confirm(pi.id, { client_secret: pi.client_secret! } as never).catch((e) => e);
  assert.equal(err.code, 'parameter_unknown');
});
