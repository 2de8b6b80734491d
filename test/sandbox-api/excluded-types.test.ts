// excluded_payment_method_types: accepted where stripe@23 types list it, stored as given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARDS, browserToken, harness, rejects } from './helpers.ts';

test('PaymentIntent create stores excluded_payment_method_types; update replaces or clears it', async () => {
  const { stripe } = harness();
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', excluded_payment_method_types: ['blik', 'acss_debit'] });
  assert.deepEqual(pi.excluded_payment_method_types, ['blik', 'acss_debit']);
  assert.deepEqual((await stripe.paymentIntents.retrieve(pi.id)).excluded_payment_method_types, ['blik', 'acss_debit']);
  assert.deepEqual((await stripe.paymentIntents.update(pi.id, { excluded_payment_method_types: ['klarna'] })).excluded_payment_method_types, ['klarna']);
  assert.equal((await stripe.paymentIntents.update(pi.id, { excluded_payment_method_types: '' })).excluded_payment_method_types, null);
  const plain = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  assert.equal(plain.excluded_payment_method_types, null);
});

test('create+confirm and confirm accept it; an unknown type is 400 naming the element', async () => {
  const { emu, stripe } = harness();
  const paid = await stripe.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    confirm: true,
    confirmation_token: await browserToken(emu, CARDS.visa),
    excluded_payment_method_types: ['blik'],
  });
  assert.equal(paid.status, 'succeeded');
  assert.deepEqual(paid.excluded_payment_method_types, ['blik']);
  const later = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const confirmed = await stripe.paymentIntents.confirm(later.id, { confirmation_token: await browserToken(emu, CARDS.visa), excluded_payment_method_types: ['acss_debit'] });
  assert.deepEqual(confirmed.excluded_payment_method_types, ['acss_debit']);
  const err = await rejects(() => stripe.paymentIntents.create({ amount: 1000, currency: 'usd', excluded_payment_method_types: ['blik', 'carrier_pigeon' as 'blik'] }));
  assert.equal(err.statusCode, 400);
  assert.equal(err.param, 'excluded_payment_method_types[1]');
});

test('SetupIntent create stores it', async () => {
  const { stripe } = harness();
  const si = await stripe.setupIntents.create({ excluded_payment_method_types: ['acss_debit', 'blik'] });
  assert.deepEqual(si.excluded_payment_method_types, ['acss_debit', 'blik']);
});

test('excluding card leaves the sandbox nothing to confirm with: 400 before anything changes', async () => {
  const { emu, stripe } = harness();
  const token = await browserToken(emu, CARDS.visa);
  const err = await rejects(() =>
    stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token, excluded_payment_method_types: ['card'] }),
  );
  assert.equal(err.statusCode, 400);
  assert.equal(err.param, 'excluded_payment_method_types');
  assert.equal(emu.state.paymentIntents.size, 0);
  assert.equal((await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token })).status, 'succeeded');
});
