/**
 * Every test card / test PaymentMethod this project uses, one case each: what the ConfirmationToken
 * previews and what a confirm does with it. Server-side code uses the pm_card_* PaymentMethods
 * (docs.stripe.com/testing, "Test code"); the card numbers are what a shopper types into the
 * Payment Element, which only the sandbox's Stripe.js stand-in route can take from a test.
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { TEST_PM, confirmationToken, contractCase, createTarget, rejection, sandboxBrowser } from './target.ts';

const target = createTarget();
const { stripe } = target;
const meta = { contract_run: target.runId };
const TESTING = 'docs.stripe.com/testing';

type Outcome = { status: 'succeeded' | 'requires_action' } | { decline: 'generic_decline' | 'insufficient_funds' };

const CARDS: Array<{ pm: string; number: string; last4: string; outcome: Outcome; source: string }> = [
  { pm: TEST_PM.visa, number: '4242424242424242', last4: '4242', outcome: { status: 'succeeded' }, source: `${TESTING} (cards by brand); seed 000 § Test the integration` },
  {
    pm: TEST_PM.threeDSecure2Required,
    number: '4000000000003220',
    last4: '3220',
    outcome: { status: 'requires_action' },
    source: 'seed 000 § Card authentication and 3D Secure (3220); docs.stripe.com/testing (3D Secure)',
  },
  {
    pm: TEST_PM.authenticationRequired,
    number: '4000002760003184',
    last4: '3184',
    outcome: { status: 'requires_action' },
    source: `${TESTING} (regulatory cards: authentication required)`,
  },
  { pm: TEST_PM.chargeDeclined, number: '4000000000000002', last4: '0002', outcome: { decline: 'generic_decline' }, source: `${TESTING} (declined payments: generic decline)` },
  {
    pm: TEST_PM.insufficientFunds,
    number: '4000000000009995',
    last4: '9995',
    outcome: { decline: 'insufficient_funds' },
    source: `${TESTING} (declined payments: insufficient funds)`,
  },
];

async function checkOutcome(tokenId: string, outcome: Outcome): Promise<void> {
  const create = () => stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: tokenId, metadata: meta });
  if ('status' in outcome) {
    const pi = await create();
    assert.equal(pi.status, outcome.status);
    return;
  }
  const err = await rejection(create);
  assert.equal(err.statusCode, 402);
  assert.equal(err.rawType, 'card_error');
  assert.equal(err.code, 'card_declined');
  assert.equal(err.decline_code, outcome.decline);
}

const describe = (o: Outcome) => ('status' in o ? o.status : `402 card_declined/${o.decline}`);

for (const card of CARDS) {
  contractCase(
    `test PaymentMethod ${card.pm} (…${card.last4}): the ConfirmationToken previews a visa card ending ${card.last4}; confirm -> ${describe(card.outcome)}`,
    card.source,
    async () => {
      const token = await confirmationToken(target, card.pm);
      assert.match(token.id, /^ctoken_/);
      assert.equal(token.object, 'confirmation_token');
      const preview = token.payment_method_preview as Stripe.ConfirmationToken.PaymentMethodPreview;
      assert.equal(preview.type, 'card');
      assert.equal(preview.card?.brand, 'visa');
      assert.equal(preview.card?.last4, card.last4);
      const again = await stripe.confirmationTokens.retrieve(token.id);
      assert.equal(again.id, token.id);
      await checkOutcome(token.id, card.outcome);
    },
  );

  contractCase(
    `card number ${card.number} typed into the Payment Element: the token never exposes the number; confirm -> ${describe(card.outcome)}`,
    `${card.source}; sandbox/README.md § Test cards`,
    async () => {
      const year = String(new Date().getUTCFullYear() + 2);
      const res = await sandboxBrowser(target, 'POST', '/v1/confirmation_tokens', {
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': card.number,
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': year,
        'payment_method_data[card][cvc]': '123',
        'payment_method_data[billing_details][name]': 'Jenny Rosen',
        return_url: 'https://shop.example/checkout/complete',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(JSON.stringify(res.body).includes(card.number), false, 'the full number is not echoed');
      assert.equal(res.body.payment_method_preview.card.last4, card.last4);
      await checkOutcome(res.body.id, card.outcome);
    },
    {
      sandboxOnly:
        "card numbers reach Stripe through Stripe.js's Payment Element (the sandbox's browser route); server-side tests on real Stripe use the pm_card_* PaymentMethods above",
    },
  );
}
