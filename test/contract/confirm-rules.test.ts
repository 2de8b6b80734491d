/**
 * What a server-side confirm must bring, and what Stripe refuses: a return_url for intents with
 * automatic payment methods (unless redirects are off or the payment is off-session), and a
 * ConfirmationToken made for Elements configured differently from the intent; and which intent
 * options the product sets are accepted (excluded_payment_method_types).
 * Stripe's exact wording for these refusals is not in its docs; cases assert status, type and
 * the parameter named in the message, not the wording (sandbox/api/NOTES.md).
 */
import assert from 'node:assert/strict';
import { RETURN_URL, TEST_PM, confirmationToken, contractCase, createTarget, customer, rejection, sandboxBrowser } from './target.ts';
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

contractCase(
  'a ConfirmationToken without setup_future_usage cannot confirm a PaymentIntent with setup_future_usage=off_session (400 invalid_request_error); a matching one can',
  'docs.stripe.com/api/confirmation_tokens/object (setup_future_usage: Stripe.js sets it from the Elements; values on the token are written onto the intent); ' +
    'Stripe\'s refusal quoted in woocommerce-gateway-stripe PR #3904 (wording not asserted); seed 002 § Save payment methods (Stripe.js controls the token\'s setup_future_usage)',
  async () => {
    const cus = await customer(target);
    const plain = await confirmationToken(target, TEST_PM.visa);
    const intent = { amount: 1099, currency: 'usd', customer: cus.id, setup_future_usage: 'off_session' as const, confirm: true, metadata: meta };
    const err = await rejection(() => stripe.paymentIntents.create({ ...intent, confirmation_token: plain.id }));
    assert.equal(err.statusCode, 400);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.match(err.message, /setup_future_usage/);
    const saving = await confirmationToken(target, TEST_PM.visa, { setup_future_usage: 'off_session' });
    const pi = await stripe.paymentIntents.create({ ...intent, confirmation_token: saving.id });
    assert.equal(pi.status, 'succeeded');
    assert.equal(pi.setup_future_usage, 'off_session');
  },
);

contractCase(
  'a ConfirmationToken from Elements with captureMethod manual cannot confirm an automatic-capture PaymentIntent (400, param capture_method), and confirms a manual one',
  'stripe-android ConfirmationTokenClientContextParams (client_context: mode, currency, setup_future_usage, capture_method) and stripe-ios PR #5641 ("to match web"); ' +
    'stripe-android ConfirmationToken docs (the token captures the Elements configuration for validation at confirmation time). The parameter and wording are undocumented (sandbox/api/NOTES.md)',
  async () => {
    const token = async () => {
      const res = await sandboxBrowser(target, 'POST', '/v1/confirmation_tokens', {
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4242424242424242',
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 2),
        return_url: RETURN_URL,
        'client_context[mode]': 'payment',
        'client_context[currency]': 'usd',
        'client_context[capture_method]': 'manual',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.id as string;
    };
    const manualToken = await token();
    const err = await rejection(() => stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: manualToken, metadata: meta }));
    assert.equal(err.statusCode, 400);
    assert.equal(err.param, 'capture_method');
    const held = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', capture_method: 'manual', confirm: true, confirmation_token: manualToken, metadata: meta });
    assert.equal(held.status, 'requires_capture');
  },
  { sandboxOnly: 'client_context is sent only by Stripe.js in the browser (the sandbox route plays it); the test-helper token cannot carry it' },
);

contractCase(
  'excluded_payment_method_types is accepted on PaymentIntent create+confirm, update and SetupIntent create, and shown on the object as sent',
  'stripe@23 types: PaymentIntentCreateParams / PaymentIntentUpdateParams / PaymentIntentConfirmParams / SetupIntentCreateParams.excluded_payment_method_types; PaymentIntent / SetupIntent.excluded_payment_method_types',
  async () => {
    const token = await confirmationToken(target, TEST_PM.visa);
    const pi = await stripe.paymentIntents.create({
      amount: 1099,
      currency: 'usd',
      confirm: true,
      confirmation_token: token.id,
      excluded_payment_method_types: ['blik', 'acss_debit'],
      metadata: meta,
    });
    assert.equal(pi.status, 'succeeded');
    assert.deepEqual(pi.excluded_payment_method_types, ['blik', 'acss_debit']);
    const open = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', metadata: meta });
    assert.equal(open.excluded_payment_method_types, null);
    const updated = await stripe.paymentIntents.update(open.id, { excluded_payment_method_types: ['blik'] });
    assert.deepEqual(updated.excluded_payment_method_types, ['blik']);
    const si = await stripe.setupIntents.create({ excluded_payment_method_types: ['acss_debit', 'blik'], metadata: meta });
    assert.deepEqual(si.excluded_payment_method_types, ['acss_debit', 'blik']);
  },
);
