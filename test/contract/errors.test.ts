/**
 * Error shapes as Stripe documents them (https://docs.stripe.com/api/errors): the HTTP status,
 * `type`, `code`, `param`, `decline_code`, and which SDK error class the official SDK raises.
 * Also idempotency (https://docs.stripe.com/api/idempotent_requests): replay and conflict.
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { TEST_PM, confirmationToken, contractCase, createTarget, customer, idempotencyKey, rejection, requireEmulator } from './target.ts';
import { confirmedPaymentIntent } from './fixtures.ts';

const target = createTarget();
const { stripe } = target;
const meta = { contract_run: target.runId };

contractCase(
  'a missing required parameter is 400 invalid_request_error, code parameter_missing, param naming it',
  'docs.stripe.com/api/errors (400: a required parameter was omitted; `param` names it); code per stripe@23 types',
  async () => {
    // `currency` is required on PaymentIntent create; the cast is the point of the test.
    const err = await rejection(() => stripe.paymentIntents.create({ amount: 1099 } as Stripe.PaymentIntentCreateParams));
    assert.equal(err.statusCode, 400);
    assert.equal(err.type, 'StripeInvalidRequestError');
    assert.equal(err.rawType, 'invalid_request_error');
    assert.equal(err.code, 'parameter_missing');
    assert.equal(err.param, 'currency');
  },
);

contractCase(
  'an unknown parameter is 400 invalid_request_error, code parameter_unknown, param naming it',
  'docs.stripe.com/api/errors (invalid_request_error; `param` is the parameter the error relates to); code per stripe@23 types',
  async () => {
    const err = await rejection(() =>
      stripe.paymentIntents.create({ amount: 1099, currency: 'usd', not_a_stripe_param: 'x' } as Stripe.PaymentIntentCreateParams),
    );
    assert.equal(err.statusCode, 400);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.equal(err.code, 'parameter_unknown');
    assert.equal(err.param, 'not_a_stripe_param');
  },
);

for (const [pm, declineCode, card] of [
  [TEST_PM.chargeDeclined, 'generic_decline', '4000 0000 0000 0002'],
  [TEST_PM.insufficientFunds, 'insufficient_funds', '4000 0000 0000 9995'],
] as const) {
  contractCase(
    `a declined card (${pm}, ${card}) is 402 card_error, code card_declined, decline_code ${declineCode}; the intent stays requires_payment_method with last_payment_error`,
    'docs.stripe.com/api/errors (402: request failed; card_error with decline_code); docs.stripe.com/testing (declined payments)',
    async () => {
      const token = await confirmationToken(target, pm);
      const err = await rejection(() =>
        stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: token.id, metadata: meta }),
      );
      assert.equal(err.statusCode, 402);
      assert.equal(err.type, 'StripeCardError');
      assert.equal(err.rawType, 'card_error');
      assert.equal(err.code, 'card_declined');
      assert.equal(err.decline_code, declineCode);
      const pi = err.payment_intent;
      assert.ok(pi, 'card errors on a PaymentIntent request carry the intent');
      assert.equal(pi.status, 'requires_payment_method');
      const stored = await stripe.paymentIntents.retrieve(pi.id);
      assert.equal(stored.status, 'requires_payment_method');
      assert.equal(stored.last_payment_error?.type, 'card_error');
      assert.equal(stored.last_payment_error?.code, 'card_declined');
      assert.equal(stored.last_payment_error?.decline_code, declineCode);
      assert.equal(stored.amount_received, 0);
    },
  );
}

contractCase(
  'a declined intent can be confirmed again with another card and then succeeds',
  'seed 000 § Handle post-payment events (after payment_failed, offer the customer another attempt to pay); stripe@23 types: paymentIntents.confirm',
  async () => {
    const declined = await confirmationToken(target, TEST_PM.chargeDeclined);
    const pi = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', metadata: meta });
    await rejection(() => stripe.paymentIntents.confirm(pi.id, { confirmation_token: declined.id }));
    const good = await confirmationToken(target, TEST_PM.visa);
    const ok = await stripe.paymentIntents.confirm(pi.id, { confirmation_token: good.id });
    assert.equal(ok.status, 'succeeded');
    assert.equal(ok.last_payment_error, null);
  },
);

contractCase(
  'a bad secret key is 401 and the SDK raises StripeAuthenticationError',
  'docs.stripe.com/api/errors (401: no valid API key provided); docs.stripe.com/api/authentication',
  async () => {
    const err = await rejection(() => stripe.customers.list({ limit: 1 }, { apiKey: 'sk_test_this_key_does_not_exist_0000' }));
    assert.equal(err.statusCode, 401);
    assert.equal(err.type, 'StripeAuthenticationError');
  },
);

contractCase(
  'retrieving an id that does not exist is 404 invalid_request_error, code resource_missing',
  'docs.stripe.com/api/errors (404: the requested resource does not exist); code per stripe@23 types',
  async () => {
    const err = await rejection(() => stripe.paymentIntents.retrieve('pi_3ContractDoesNotExist00000'));
    assert.equal(err.statusCode, 404);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.equal(err.code, 'resource_missing');
    // `param` is not asserted: which name Stripe reports for a path id (e.g. `id` or `intent`) is
    // not documented, and the product does not read it.
    const cusErr = await rejection(() => stripe.customers.retrieve('cus_ContractDoesNotExist0'));
    assert.equal(cusErr.statusCode, 404);
    assert.equal(cusErr.code, 'resource_missing');
  },
);

contractCase(
  'capturing an intent that is not requires_capture is 400 payment_intent_unexpected_state',
  'stripe@23 types: paymentIntents.capture (only requires_capture can be captured); code per PaymentIntent.LastPaymentError.Code',
  async () => {
    const fresh = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', metadata: meta });
    const err = await rejection(() => stripe.paymentIntents.capture(fresh.id));
    assert.equal(err.statusCode, 400);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.equal(err.code, 'payment_intent_unexpected_state');

    const paid = await confirmedPaymentIntent(target, TEST_PM.visa);
    assert.equal(paid.status, 'succeeded');
    const again = await rejection(() => stripe.paymentIntents.capture(paid.id));
    assert.equal(again.statusCode, 400);
    assert.equal(again.code, 'payment_intent_unexpected_state');
  },
);

async function succeededIntent(): Promise<Stripe.PaymentIntent> {
  const pi = await confirmedPaymentIntent(target, TEST_PM.visa);
  assert.equal(pi.status, 'succeeded');
  return pi;
}

contractCase(
  'confirming an intent that already succeeded is 400 payment_intent_unexpected_state and changes nothing',
  'stripe@23 types: paymentIntents.confirm; code payment_intent_unexpected_state per PaymentIntent.LastPaymentError.Code',
  async () => {
    const pi = await succeededIntent();
    const token = await confirmationToken(target, TEST_PM.visa);
    const err = await rejection(() => stripe.paymentIntents.confirm(pi.id, { confirmation_token: token.id }));
    assert.equal(err.statusCode, 400);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.equal(err.code, 'payment_intent_unexpected_state');
    const stored = await stripe.paymentIntents.retrieve(pi.id);
    assert.equal(stored.status, 'succeeded');
    assert.equal(stored.amount_received, 1099);
  },
);

contractCase(
  'canceling an intent that already succeeded is 400 payment_intent_unexpected_state',
  'stripe@23 types: paymentIntents.cancel (succeeded is not a cancelable status)',
  async () => {
    const pi = await succeededIntent();
    const err = await rejection(() => stripe.paymentIntents.cancel(pi.id));
    assert.equal(err.statusCode, 400);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.equal(err.code, 'payment_intent_unexpected_state');
    assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'succeeded');
  },
);

contractCase(
  'idempotent replay: the same Idempotency-Key with the same parameters returns the same object and creates one intent',
  'docs.stripe.com/api/idempotent_requests (the first result is saved and returned for retries with the key)',
  async () => {
    const cus = await customer(target);
    const key = idempotencyKey();
    const params: Stripe.PaymentIntentCreateParams = { amount: 1099, currency: 'usd', customer: cus.id, metadata: meta };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    assert.equal(second.id, first.id);
    assert.equal(second.client_secret, first.client_secret);
    // Not asserted: the `Idempotent-Replayed: true` response header. Stripe sends it, but the
    // idempotency docs do not document it, and the SDK's header casing differs by HTTP client.
    const list = await stripe.paymentIntents.list({ customer: cus.id, limit: 10 });
    assert.deepEqual(
      list.data.map((pi) => pi.id),
      [first.id],
      'one intent for the customer',
    );
  },
);

contractCase(
  'idempotent replay also replays an error: a declined confirm retried with its key answers the same 402',
  'docs.stripe.com/api/idempotent_requests (the saved status code and body are returned, errors included)',
  async () => {
    const token = await confirmationToken(target, TEST_PM.chargeDeclined);
    const key = idempotencyKey();
    const params: Stripe.PaymentIntentCreateParams = { amount: 1099, currency: 'usd', confirm: true, confirmation_token: token.id, metadata: meta };
    const first = await rejection(() => stripe.paymentIntents.create(params, { idempotencyKey: key }));
    const second = await rejection(() => stripe.paymentIntents.create(params, { idempotencyKey: key }));
    assert.equal(first.statusCode, 402);
    assert.equal(second.statusCode, 402);
    assert.equal(second.decline_code, first.decline_code);
    assert.equal(second.payment_intent?.id, first.payment_intent?.id);
  },
);

contractCase(
  'idempotency conflict: one Idempotency-Key reused with other parameters is 400 idempotency_error (StripeIdempotencyError)',
  'docs.stripe.com/api/idempotent_requests (parameters are compared with the original request); docs.stripe.com/api/errors (type idempotency_error)',
  async () => {
    const key = idempotencyKey();
    const first = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', metadata: meta }, { idempotencyKey: key });
    const err = await rejection(() => stripe.paymentIntents.create({ amount: 2099, currency: 'usd', metadata: meta }, { idempotencyKey: key }));
    assert.equal(err.statusCode, 400);
    assert.equal(err.type, 'StripeIdempotencyError');
    assert.equal(err.rawType, 'idempotency_error');
    // The original is untouched.
    assert.equal((await stripe.paymentIntents.retrieve(first.id)).amount, 1099);
  },
);

contractCase(
  'a create whose response was lost is retried by the SDK with the same Idempotency-Key and creates one intent',
  'docs.stripe.com/api/idempotent_requests (after a connection error, repeat the request with the same key without creating a second object)',
  async () => {
    const emulator = requireEmulator(target);
    const retrying = emulator.stripeClient({ maxNetworkRetries: 1 });
    const cus = await customer(target);
    emulator.faults.set({ route: 'POST /v1/payment_intents', kind: 'timeout', times: 1 });
    try {
      const pi = await retrying.paymentIntents.create({ amount: 1099, currency: 'usd', customer: cus.id, metadata: meta });
      const list = await stripe.paymentIntents.list({ customer: cus.id, limit: 10 });
      assert.deepEqual(
        list.data.map((p) => p.id),
        [pi.id],
        'the first (executed, answer lost) request and the retry are one intent',
      );
    } finally {
      emulator.faults.clear();
    }
  },
  { sandboxOnly: 'losing a response on purpose needs sandbox fault injection (emulator.faults)' },
);
