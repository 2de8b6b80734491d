/**
 * What a server-side confirm must bring, and what Stripe refuses: a return_url for intents with
 * automatic payment methods (unless redirects are off or the payment is off-session).
 * Stripe's exact wording for these refusals is not in its docs; cases assert status, type and
 * the parameter named in the message, not the wording (sandbox/api/NOTES.md).
 */
import assert from 'node:assert/strict';
import { RETURN_URL, TEST_PM, contractCase, createTarget, customer, rejection } from './target.ts';
import { runMetadata } from './fixtures.ts';

const target = createTarget();
const { stripe } = target;
const meta = runMetadata(target);

/** A test-helper token without a return_url (the shared helper always adds one). */
const tokenWithoutReturnUrl = () => stripe.testHelpers.confirmationTokens.create({ payment_method: TEST_PM.visa });

const RETURN_URL_SOURCE =
  'stripe@23 types: PaymentIntent.AutomaticPaymentMethods.allow_redirects (redirect-based methods: confirming may require a return_url; allow_redirects=never opts out); ' +
  'docs.stripe.com/api/payment_intents/confirm (return_url); wording only in public user reports (woocommerce-gateway-stripe #2982, #3284), not asserted';

contractCase(
  'create+confirm of a PaymentIntent with automatic payment methods and no return_url (request or token) is refused with 400 invalid_request_error',
  RETURN_URL_SOURCE,
  async () => {
    const token = await tokenWithoutReturnUrl();
    const err = await rejection(() => stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: token.id, metadata: meta }));
    assert.equal(err.statusCode, 400);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.match(err.message, /return_url/);
    // The token was not spent: the same confirm with a return_url goes through.
    const pi = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: token.id, return_url: RETURN_URL, metadata: meta });
    assert.equal(pi.status, 'succeeded');
  },
);

contractCase(
  'with automatic_payment_methods[allow_redirects]=never no return_url is needed',
  RETURN_URL_SOURCE,
  async () => {
    const token = await tokenWithoutReturnUrl();
    const pi = await stripe.paymentIntents.create({
      amount: 1099,
      currency: 'usd',
      confirm: true,
      confirmation_token: token.id,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      metadata: meta,
    });
    assert.equal(pi.status, 'succeeded');
    assert.equal(pi.automatic_payment_methods?.allow_redirects, 'never');
  },
);

contractCase(
  'a SetupIntent with automatic payment methods is refused the same way (create+confirm and confirm), and accepted with allow_redirects=never',
  `${RETURN_URL_SOURCE}; stripe@23 types: SetupIntent.AutomaticPaymentMethods.allow_redirects`,
  async () => {
    const cus = await customer(target);
    const token = await tokenWithoutReturnUrl();
    const created = await rejection(() => stripe.setupIntents.create({ customer: cus.id, confirm: true, confirmation_token: token.id, metadata: meta }));
    assert.equal(created.statusCode, 400);
    assert.equal(created.rawType, 'invalid_request_error');
    assert.match(created.message, /return_url/);
    const si = await stripe.setupIntents.create({ customer: cus.id, metadata: meta });
    const confirmed = await rejection(() => stripe.setupIntents.confirm(si.id, { confirmation_token: token.id }));
    assert.equal(confirmed.statusCode, 400);
    assert.match(confirmed.message, /return_url/);
    assert.equal((await stripe.setupIntents.retrieve(si.id)).status, 'requires_payment_method');
    const never = await stripe.setupIntents.create({
      customer: cus.id,
      confirm: true,
      confirmation_token: token.id,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      metadata: meta,
    });
    assert.equal(never.status, 'succeeded');
  },
);

contractCase(
  'an off-session charge of a saved card needs no return_url',
  'seed 001 § Charge the saved payment method later and seed 003 § Charge the payment method later (off_session=true, confirm=true, no return_url)',
  async () => {
    const cus = await customer(target);
    const pm = await stripe.paymentMethods.attach(TEST_PM.visa, { customer: cus.id });
    const pi = await stripe.paymentIntents.create({
      amount: 1099,
      currency: 'usd',
      customer: cus.id,
      payment_method: pm.id,
      off_session: true,
      confirm: true,
      metadata: meta,
    });
    assert.equal(pi.status, 'succeeded');
  },
);
