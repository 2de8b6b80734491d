import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RETURN_URL, harness, rejects } from './helpers.ts';

test('documented pm_card_visa_chargeDeclined* tokens decline with their decline codes', async () => {
  const { stripe } = harness();
  for (const [token, decline] of [
    ['pm_card_visa_chargeDeclined', 'generic_decline'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_visa_chargeDeclinedLostCard', 'lost_card'],
  ] as const) {
    const err = await rejects(() => stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, payment_method: token, return_url: RETURN_URL }));
    assert.equal(err.statusCode, 402);
    assert.equal(err.decline_code, decline, token);
  }
});

test('attaching a test token attaches a fresh PaymentMethod', async () => {
  const { stripe } = harness();
  const customer = await stripe.customers.create({});
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  assert.match(pm.id, /^pm_/);
  assert.notEqual(pm.id, 'pm_card_visa');
  assert.equal(pm.customer, customer.id);
  const missing = await rejects(() => stripe.paymentMethods.attach('pm_card_visa', { customer: 'cus_nope' }));
  assert.equal(missing.statusCode, 404);
});

test('events.list delivery_success filters by pending deliveries', async () => {
  const { emu, stripe } = harness({ answer: () => 500, webhookRetry: { maxAttempts: 1, baseDelayMs: 1 } });
  await stripe.customers.create({});
  emu.addWebhookEndpoint('http://shop.example/webhook');
  await stripe.customers.create({});
  await emu.webhooksIdle();
  assert.equal((await stripe.events.list({ delivery_success: false })).data.length, 1);
  assert.equal((await stripe.events.list({ delivery_success: true })).data.length, 1);
});
