import assert from 'node:assert/strict';
import { test } from 'node:test';
import Stripe from 'stripe';
import { CARDS, browser, browserToken, harness, rejects } from './helpers.ts';

test('keys are generated with sandbox test prefixes', () => {
  const { emu } = harness();
  assert.match(emu.secretKey, /^sk_test_sandbox_\w+$/);
  assert.match(emu.publishableKey, /^pk_test_sandbox_\w+$/);
});

test('an unknown key is a 401 with the key redacted', async () => {
  const { emu } = harness();
  const wrong = new Stripe('sk_test_wrongwrongwrong1234', {
    httpClient: Stripe.createFetchHttpClient((url, init) => emu.fetch(new Request(url, init))),
    host: 'api.stripe.sandbox',
    protocol: 'http',
    port: 80,
  });
  const err = await rejects(() => wrong.customers.create({ email: 'a@b.co' }));
  assert.equal(err.type, 'StripeAuthenticationError');
  assert.equal(err.statusCode, 401);
  assert.equal(err.raw.type, 'invalid_request_error');
  assert.match(err.message, /^Invalid API Key provided: sk_test_\*+1234$/);
});

test('a missing key is a 401', async () => {
  const { emu } = harness();
  const res = await emu.fetch(new Request('http://api.stripe.sandbox/v1/customers', { method: 'POST' }));
  assert.equal(res.status, 401);
  const body = await res.json();
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /did not provide an API key/);
});

test('the publishable key works on browser routes only', async () => {
  const { emu } = harness();
  const token = await browserToken(emu, CARDS.visa);
  assert.match(token, /^ctoken_/);
  const res = await browser(emu, 'GET', `/v1/confirmation_tokens/${token}`);
  assert.equal(res.status, 403);
  assert.match(res.body.error.message, /publishable API key/);
  const create = await browser(emu, 'POST', '/v1/payment_intents', { amount: '100', currency: 'usd' });
  assert.equal(create.status, 403);
});

test('the secret key also works on browser routes', async () => {
  const { emu } = harness();
  const res = await browser(emu, 'POST', '/v1/confirmation_tokens', {
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': CARDS.visa,
    'payment_method_data[card][exp_month]': '1',
    'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 1),
  }, emu.secretKey);
  assert.equal(res.status, 200);
});

test('CORS: any origin, preflight allows Authorization and Content-Type', async () => {
  const { emu } = harness();
  const pre = await emu.fetch(
    new Request('http://api.stripe.sandbox/v1/confirmation_tokens', {
      method: 'OPTIONS',
      headers: { Origin: 'http://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    }),
  );
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  const allowed = pre.headers.get('access-control-allow-headers')!.toLowerCase();
  assert.ok(allowed.includes('authorization') && allowed.includes('content-type'));
  const res = await browser(emu, 'POST', '/v1/confirmation_tokens', {});
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
});

test('unknown parameter -> 400 parameter_unknown with param', async () => {
  const { stripe } = harness();
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 100, currency: 'usd', colour: 'red' } as any));
  assert.equal(err.type, 'StripeInvalidRequestError');
  assert.equal(err.statusCode, 400);
  assert.equal(err.code, 'parameter_unknown');
  assert.equal(err.param, 'colour');
});

test('nested unknown parameter names the full bracket path', async () => {
  const { stripe } = harness();
  const err = await rejects(() =>
    stripe.paymentIntents.create({ amount: 100, currency: 'usd', shipping: { name: 'J', address: { line1: 'x' }, foo: 'x' } } as any),
  );
  assert.equal(err.param, 'shipping[foo]');
});

test('missing required parameter -> 400 parameter_missing', async () => {
  const { stripe } = harness();
  const err = await rejects(() => stripe.paymentIntents.create({ currency: 'usd' } as any));
  assert.equal(err.code, 'parameter_missing');
  assert.equal(err.param, 'amount');
});

test('malformed integer and enum values are rejected with their param', async () => {
  const { stripe } = harness();
  const bad = await rejects(() => stripe.paymentIntents.create({ amount: 'ten' as any, currency: 'usd' }));
  assert.equal(bad.code, 'parameter_invalid_integer');
  assert.equal(bad.param, 'amount');
  const en = await rejects(() => stripe.paymentIntents.create({ amount: 100, currency: 'usd', capture_method: 'later' as any }));
  assert.equal(en.param, 'capture_method');
  const small = await rejects(() => stripe.paymentIntents.create({ amount: 10, currency: 'usd' }));
  assert.equal(small.code, 'amount_too_small');
});

test('unknown id -> 404 resource_missing with param id', async () => {
  const { stripe } = harness();
  for (const call of [
    () => stripe.paymentIntents.retrieve('pi_nope'),
    () => stripe.customers.retrieve('cus_nope'),
    () => stripe.paymentMethods.retrieve('pm_nope'),
    () => stripe.confirmationTokens.retrieve('ctoken_nope'),
    () => stripe.events.retrieve('evt_nope'),
  ]) {
    const err = await rejects(call);
    assert.equal(err.statusCode, 404);
    assert.equal(err.code, 'resource_missing');
    assert.equal(err.param, 'id');
  }
});

test('unknown route -> 404 invalid_request_error', async () => {
  const { emu } = harness();
  const res = await emu.fetch(new Request('http://api.stripe.sandbox/v1/nothing_here', { headers: { Authorization: `Bearer ${emu.secretKey}` } }));
  assert.equal(res.status, 404);
  const body = await res.json();
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /Unrecognized request URL \(GET: \/v1\/nothing_here\)/);
});

test('responses carry Request-Id and Stripe-Version', async () => {
  const { stripe } = harness();
  const customer = await stripe.customers.create({ email: 'a@b.co' });
  assert.match(customer.lastResponse.requestId, /^req_/);
  assert.equal(customer.lastResponse.apiVersion, Stripe.API_VERSION);
});

test('unsupported expand paths are rejected before executing', async () => {
  const { stripe, emu } = harness();
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 100, currency: 'usd', expand: ['review'] }));
  assert.equal(err.statusCode, 400);
  assert.equal(emu.state.paymentIntents.size, 0);
});

test('mounted under a prefix (as sandbox/wire.ts does), routes and Stripe-shaped 404s still work', async () => {
  const { Hono } = await import('hono');
  const { emu } = harness();
  const outer = new Hono();
  outer.route('/sandbox/stripe', emu.app);
  const ok = await outer.fetch(
    new Request('http://x/sandbox/stripe/v1/test_helpers/confirmation_tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${emu.secretKey}` },
      body: new URLSearchParams({ payment_method: 'pm_card_visa' }),
    }),
  );
  assert.equal(ok.status, 200);
  const missing = await outer.fetch(new Request('http://x/sandbox/stripe/v1/nope', { headers: { Authorization: `Bearer ${emu.secretKey}` } }));
  assert.equal(missing.status, 404);
  assert.match((await missing.json()).error.message, /Unrecognized request URL \(GET: \/v1\/nope\)/);
});
