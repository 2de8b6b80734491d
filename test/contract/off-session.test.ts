/**
 * Charging a saved card later, off-session, and recovering when that fails: the customer comes
 * back on-session and the server confirms the same PaymentIntent with a ConfirmationToken (for the
 * same saved card or a new one) and a return_url, as the product's recovery page does.
 * Sources: seed 001 § Charge the saved payment method later (off_session=true "causes the
 * PaymentIntent to send an error if authentication is required"); seed 003 § Charge the payment
 * method later; docs.stripe.com/payments/save-and-reuse (off-session authentication_required: bring
 * the customer back to complete the payment); docs.stripe.com/testing (4000 0027 6000 3184
 * requires authentication on every payment).
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { RETURN_URL, TEST_PM, confirmationToken, contractCase, createTarget, customer, eventFor, rejection, sandboxAuthenticate } from './target.ts';

const target = createTarget();
const { stripe } = target;
const meta = { contract_run: target.runId };
const SOURCE = 'seed 001 § Charge the saved payment method later; seed 003 § Charge the payment method later; docs.stripe.com/payments/save-and-reuse';

/** A customer with `testPm` attached (docs.stripe.com/testing: attach a pm_card_* to save it). */
async function savedCard(testPm: string): Promise<{ cus: Stripe.Customer; pm: string }> {
  const cus = await customer(target);
  const pm = await stripe.paymentMethods.attach(testPm, { customer: cus.id });
  return { cus, pm: pm.id };
}

/** The off-session charge the merchant's server makes; it fails for these cards. */
async function failedOffSession(cus: Stripe.Customer, pm: string): Promise<Stripe.errors.StripeError> {
  return rejection(() =>
    stripe.paymentIntents.create({ amount: 2000, currency: 'usd', customer: cus.id, payment_method: pm, confirm: true, off_session: true, metadata: meta }),
  );
}

const failedEvent = (piId: string) => eventFor(target, 'payment_intent.payment_failed', (pi: Stripe.PaymentIntent) => pi.id === piId);

contractCase(
  'off-session with a saved card that needs authentication: 402 authentication_required naming the intent and card; requires_payment_method with last_payment_error; payment_intent.payment_failed',
  `${SOURCE}; docs.stripe.com/testing (3184)`,
  async () => {
    const { cus, pm } = await savedCard(TEST_PM.authenticationRequired);
    const err = await failedOffSession(cus, pm);
    assert.equal(err.statusCode, 402);
    assert.equal(err.rawType, 'card_error');
    assert.equal(err.code, 'authentication_required');
    assert.equal(err.payment_method?.id, pm);
    const pi = err.payment_intent!;
    assert.equal(pi.status, 'requires_payment_method');
    assert.equal(pi.last_payment_error?.code, 'authentication_required');
    assert.equal((pi.last_payment_error?.payment_method as Stripe.PaymentMethod | undefined)?.id, pm);
    const event = await failedEvent(pi.id);
    assert.equal((event.data.object as Stripe.PaymentIntent).last_payment_error?.code, 'authentication_required');
  },
);

contractCase(
  'off-session with a saved card that is declined: 402 card_declined, requires_payment_method, payment_intent.payment_failed',
  `${SOURCE}; docs.stripe.com/testing (declined payments)`,
  async () => {
    const { cus, pm } = await savedCard(TEST_PM.chargeDeclined);
    const err = await failedOffSession(cus, pm);
    assert.equal(err.statusCode, 402);
    assert.equal(err.code, 'card_declined');
    assert.equal(err.decline_code, 'generic_decline');
    assert.equal(err.payment_intent?.status, 'requires_payment_method');
    await failedEvent(err.payment_intent!.id);
  },
);

contractCase(
  'recovery on-session: confirming the same PaymentIntent with a ConfirmationToken for the same saved card and a return_url asks for 3DS (requires_action)',
  `${SOURCE}; seed 000 § Card authentication and 3D Secure`,
  async () => {
    const { cus, pm } = await savedCard(TEST_PM.authenticationRequired);
    const failed = (await failedOffSession(cus, pm)).payment_intent!;
    const token = await confirmationToken(target, pm);
    const retried = await stripe.paymentIntents.confirm(failed.id, { confirmation_token: token.id, return_url: RETURN_URL });
    assert.equal(retried.id, failed.id);
    assert.equal(retried.status, 'requires_action');
    assert.ok(retried.next_action, 'a next_action for Stripe.js');
    assert.equal(retried.payment_method, pm);
  },
);

contractCase(
  'recovery on-session: after the customer completes 3DS the same PaymentIntent succeeds',
  `${SOURCE}; seed 000 § Card authentication and 3D Secure (mock authentication page)`,
  async () => {
    const { cus, pm } = await savedCard(TEST_PM.authenticationRequired);
    const failed = (await failedOffSession(cus, pm)).payment_intent!;
    const token = await confirmationToken(target, pm);
    const retried = await stripe.paymentIntents.confirm(failed.id, { confirmation_token: token.id, return_url: RETURN_URL });
    await sandboxAuthenticate(target, retried, 'complete');
    const paid = await stripe.paymentIntents.retrieve(failed.id);
    assert.equal(paid.status, 'succeeded');
    assert.equal(paid.amount_received, 2000);
    assert.equal(paid.last_payment_error, null);
  },
  { sandboxOnly: "completing 3DS needs the issuer's page in a browser; the sandbox plays it at POST /_sandbox/3ds" },
);

contractCase(
  'recovery on-session with a new card: the same PaymentIntent confirmed with a new ConfirmationToken succeeds',
  SOURCE,
  async () => {
    const { cus, pm } = await savedCard(TEST_PM.chargeDeclined);
    const failed = (await failedOffSession(cus, pm)).payment_intent!;
    const token = await confirmationToken(target, TEST_PM.visa);
    const paid = await stripe.paymentIntents.confirm(failed.id, { confirmation_token: token.id, return_url: RETURN_URL });
    assert.equal(paid.status, 'succeeded');
    assert.notEqual(paid.payment_method, pm);
  },
);
