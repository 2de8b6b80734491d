import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import { CARDS, browser, browserToken, harness, rejects } from './helpers.ts';

test('CustomerSession: shape, cuss_secret_, defaults for payment_element features', async () => {
  const { stripe } = harness();
  const customer = await stripe.customers.create({});
  const cs = await stripe.customerSessions.create({
    customer: customer.id,
    components: { payment_element: { enabled: true, features: { payment_method_save: 'enabled', payment_method_redisplay: 'enabled', payment_method_remove: 'enabled' } } },
  });
  assert.equal(cs.object, 'customer_session');
  assert.match(cs.client_secret, /^cuss_secret_/);
  assert.equal(cs.customer, customer.id);
  assert.equal(cs.livemode, false);
  assert.equal(cs.expires_at - cs.created, 30 * 60);
  const pe = cs.components!.payment_element;
  assert.equal(pe.enabled, true);
  assert.equal(pe.features?.payment_method_save, 'enabled');
  assert.deepEqual(pe.features?.payment_method_allow_redisplay_filters, ['always']);
  assert.equal(cs.components!.buy_button.enabled, false);
});

test('CustomerSession errors: missing customer/components, unknown feature, unknown customer', async () => {
  const { stripe } = harness();
  const customer = await stripe.customers.create({});
  const noComponents = await rejects(() => stripe.customerSessions.create({ customer: customer.id } as Stripe.CustomerSessionCreateParams));
  assert.equal(noComponents.param, 'components');
  const unknown = await rejects(() =>
    stripe.customerSessions.create({ customer: customer.id, components: { payment_element: { enabled: true, features: { nope: 'x' } as never } } }),
  );
  assert.equal(unknown.code, 'parameter_unknown');
  assert.equal(unknown.param, 'components[payment_element][features][nope]');
  const missing = await rejects(() => stripe.customerSessions.create({ customer: 'cus_missing', components: { payment_element: { enabled: true } } }));
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.code, 'resource_missing');
});

test('sandbox saved-card lookup honours redisplay and allow_redisplay filters', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({});
  const always = await browserToken(emu, CARDS.visa, { 'payment_method_data[allow_redisplay]': 'always' });
  await stripe.setupIntents.create({ customer: customer.id, confirm: true, confirmation_token: always });
  await stripe.setupIntents.create({ customer: customer.id, confirm: true, confirmation_token: await browserToken(emu, CARDS.visa) });
  const on = await stripe.customerSessions.create({ customer: customer.id, components: { payment_element: { enabled: true, features: { payment_method_redisplay: 'enabled' } } } });
  const res = await browser(emu, 'GET', '/_sandbox/customer_sessions/payment_methods', { customer_session_client_secret: on.client_secret });
  assert.equal(res.status, 200);
  assert.equal(res.body.data.length, 1, 'only allow_redisplay=always by default');
  assert.equal(res.body.data[0].card.last4, '4242');
  assert.equal(res.body.customer, customer.id);
  const off = await stripe.customerSessions.create({ customer: customer.id, components: { payment_element: { enabled: true } } });
  const none = await browser(emu, 'GET', '/_sandbox/customer_sessions/payment_methods', { customer_session_client_secret: off.client_secret });
  assert.deepEqual(none.body.data, []);
  const bad = await browser(emu, 'GET', '/_sandbox/customer_sessions/payment_methods', { customer_session_client_secret: 'cuss_secret_nope' });
  assert.equal(bad.status, 404);
});

test('an expired CustomerSession is refused with customer_session_expired', async () => {
  let now = Date.now();
  const { emu, stripe } = harness({ now: () => now });
  const customer = await stripe.customers.create({});
  const cs = await stripe.customerSessions.create({ customer: customer.id, components: { payment_element: { enabled: true } } });
  now += 31 * 60 * 1000;
  const res = await browser(emu, 'GET', '/_sandbox/customer_sessions/payment_methods', { customer_session_client_secret: cs.client_secret });
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'customer_session_expired');
});
