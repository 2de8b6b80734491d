/**
 * Link sign-in with one-time codes. On real Stripe the code is typed into Stripe's own Link UI
 * (inside the Payment / Link Authentication Element iframe) and Link's lookup/verify endpoints are
 * private to Stripe.js, so no API test can drive them: these cases run on the sandbox only, against
 * its Link stand-in routes (/_sandbox/link/lookup, /_sandbox/link/verify).
 *
 * Documented outcomes (seed 000 § Test the integration; seed 001 § Test the integration):
 * 000001 code invalid, 000002 code expired, 000003 max attempts exceeded, any other 6 digits succeed.
 * The error `code` strings are the sandbox's own names (Stripe does not document them); the cases
 * assert only that each is a distinct 400 error naming `code`.
 */
import assert from 'node:assert/strict';
import { contractCase, createTarget, requireEmulator, sandboxBrowser } from './target.ts';

const target = createTarget();
const { stripe } = target;
const SOURCE = 'seed 000 § Test the integration (sandbox Link one-time codes)';
const WHY = "on real Stripe the one-time code is entered in Stripe's Link UI; Link's lookup/verify endpoints are private to Stripe.js";

const EMAIL = `link-${target.runId}@example.com`;
if (target.emulator) {
  requireEmulator(target).registerLinkAccount(EMAIL, {
    name: 'Jenny Rosen',
    phone: '+15555550100',
    shipping: { address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' } },
    card: { number: '4242424242424242' },
  });
}

contractCase(
  'an email registered with Link asks for a one-time code; an unknown email does not',
  'seed 000 § Collect customer email (existing Link customers get an authentication prompt); seed 000 § Test the integration',
  async () => {
    const known = await sandboxBrowser(target, 'POST', '/_sandbox/link/lookup', { email: EMAIL });
    assert.equal(known.status, 200);
    assert.equal(known.body.registered, true);
    const unknown = await sandboxBrowser(target, 'POST', '/_sandbox/link/lookup', { email: `nobody-${target.runId}@example.com` });
    assert.equal(unknown.status, 200);
    assert.equal(unknown.body.registered, false);
  },
  { sandboxOnly: WHY },
);

for (const [code, outcome] of [
  ['000001', 'code invalid'],
  ['000002', 'code expired'],
  ['000003', 'max attempts exceeded'],
] as const) {
  contractCase(
    `Link one-time code ${code} fails with "${outcome}" and does not sign in`,
    SOURCE,
    async () => {
      const res = await sandboxBrowser(target, 'POST', '/_sandbox/link/verify', { email: EMAIL, code });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.param, 'code');
      assert.equal(typeof res.body.error.code, 'string');
      assert.equal(res.body.payment_method, undefined);
    },
    { sandboxOnly: WHY },
  );
}

contractCase(
  'the three failing Link codes are three different errors',
  SOURCE,
  async () => {
    const codes = new Set<string>();
    for (const code of ['000001', '000002', '000003']) {
      const res = await sandboxBrowser(target, 'POST', '/_sandbox/link/verify', { email: EMAIL, code });
      codes.add(res.body.error.code);
    }
    assert.equal(codes.size, 3);
  },
  { sandboxOnly: WHY },
);

contractCase(
  'any other 6-digit Link code signs in and returns the saved card, which pays through a ConfirmationToken',
  `${SOURCE}; seed 000 § Optional: Display customer-saved data`,
  async () => {
    const res = await sandboxBrowser(target, 'POST', '/_sandbox/link/verify', { email: EMAIL, code: '424242' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.email, EMAIL);
    assert.equal(res.body.shipping.address.postal_code, '62701');
    const pmId: string = res.body.payment_method.id;
    assert.match(pmId, /^pm_/);
    assert.equal(res.body.payment_method.card.last4, '4242');
    const token = await sandboxBrowser(target, 'POST', '/v1/confirmation_tokens', { payment_method: pmId, return_url: 'https://shop.example/done' });
    assert.equal(token.status, 200, JSON.stringify(token.body));
    const pi = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: token.body.id });
    assert.equal(pi.status, 'succeeded');
  },
  { sandboxOnly: WHY },
);
