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
import type Stripe from 'stripe';
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
  'any other 6-digit Link code signs in and returns a `link` PaymentMethod, which pays through a ConfirmationToken',
  `${SOURCE}; seed 000 § Optional: Display customer-saved data`,
  async () => {
    const res = await sandboxBrowser(target, 'POST', '/_sandbox/link/verify', { email: EMAIL, code: '424242' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.email, EMAIL);
    assert.equal(res.body.shipping.address.postal_code, '62701');
    const pmId: string = res.body.payment_method.id;
    assert.match(pmId, /^pm_/);
    assert.equal(res.body.payment_method.type, 'link');
    assert.equal(res.body.funding.last4, '4242');
    const token = await sandboxBrowser(target, 'POST', '/v1/confirmation_tokens', { payment_method: pmId, return_url: 'https://shop.example/done' });
    assert.equal(token.status, 200, JSON.stringify(token.body));
    const pi = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: token.body.id });
    assert.equal(pi.status, 'succeeded');
    assert.equal(pi.payment_method, pmId);
  },
  { sandboxOnly: WHY },
);

// ---------------------------------------------------------------------------------------------
// `link` PaymentMethods saved to a Customer and charged later (seed 001).

const LINK_PM_WHY = 'a `link` PaymentMethod is made by Stripe.js when the shopper pays with Link; the API cannot create one server-side';

/** A shopper signs in to Link and saves it with a SetupIntent for `customer` (seed 001 § Set up future Link payments). */
async function savedLinkPaymentMethod(customer: Stripe.Customer): Promise<string> {
  const verified = await sandboxBrowser(target, 'POST', '/_sandbox/link/verify', { email: EMAIL, code: '424242' });
  const token = await sandboxBrowser(target, 'POST', '/v1/confirmation_tokens', { payment_method: verified.body.payment_method.id, return_url: 'https://shop.example/done' });
  const si = await stripe.setupIntents.create({ customer: customer.id, confirm: true, confirmation_token: token.body.id, usage: 'off_session' });
  assert.equal(si.status, 'succeeded');
  return si.payment_method as string;
}

contractCase(
  'a PaymentMethod paid with Link has type link and a `link` hash with the account email (no card hash)',
  'docs.stripe.com/api/payment_methods/object (link: email); stripe@23 PaymentMethod.Link',
  async () => {
    const cus = await stripe.customers.create({ email: EMAIL });
    const pm = await stripe.paymentMethods.retrieve(await savedLinkPaymentMethod(cus));
    assert.equal(pm.type, 'link');
    assert.equal(pm.link?.email, EMAIL);
    assert.equal(pm.card, undefined);
    assert.equal(pm.customer, cus.id);
  },
  { sandboxOnly: LINK_PM_WHY },
);

contractCase(
  "listing a customer's payment methods by type=link returns the saved Link method (and type=card does not)",
  'docs.stripe.com/api/payment_methods/customer_list (type filter); stripe@23 PaymentMethodListParams.type',
  async () => {
    const cus = await stripe.customers.create({ email: EMAIL });
    const pm = await savedLinkPaymentMethod(cus);
    assert.deepEqual((await stripe.paymentMethods.list({ customer: cus.id, type: 'link' })).data.map((p) => p.id), [pm]);
    assert.deepEqual((await stripe.customers.listPaymentMethods(cus.id, { type: 'link' })).data.map((p) => p.id), [pm]);
    assert.equal((await stripe.paymentMethods.list({ customer: cus.id, type: 'card' })).data.length, 0);
  },
  { sandboxOnly: LINK_PM_WHY },
);

contractCase(
  'seed 001: find the saved Link method with GET /v1/payment_methods?customer=…&type=link, then charge it off-session (confirm=true, off_session=true)',
  'seed 001 § Charge the saved payment method later',
  async () => {
    const cus = await stripe.customers.create({ email: EMAIL });
    await savedLinkPaymentMethod(cus);
    const [pm] = (await stripe.paymentMethods.list({ customer: cus.id, type: 'link' })).data;
    const pi = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', customer: cus.id, payment_method: pm.id, off_session: true, confirm: true });
    assert.equal(pi.status, 'succeeded');
    assert.equal(pi.amount_received, 1099);
    assert.equal(pi.payment_method, pm.id);
  },
  { sandboxOnly: LINK_PM_WHY },
);

contractCase(
  'any valid email becomes a test Link account when the shopper saves their details while paying; on the next visit it asks for a one-time code',
  'seed 001 § Test the integration ("create test mode accounts for Link using any valid email address"); seed 000 § Collect customer email',
  async () => {
    const email = `signup-${target.runId}@example.com`;
    const year = String(new Date().getUTCFullYear() + 2);
    const signup = await sandboxBrowser(target, 'POST', '/_sandbox/link/signup', {
      email, phone: '+15555550100', 'card[number]': '4242424242424242', 'card[exp_month]': '12', 'card[exp_year]': year, 'card[cvc]': '123',
    });
    assert.equal(signup.status, 200, JSON.stringify(signup.body));
    assert.equal(signup.body.payment_method.type, 'link');
    const token = await sandboxBrowser(target, 'POST', '/v1/confirmation_tokens', { payment_method: signup.body.payment_method.id, return_url: 'https://shop.example/done' });
    const pi = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', confirm: true, confirmation_token: token.body.id });
    assert.equal(pi.status, 'succeeded');
    const lookup = await sandboxBrowser(target, 'POST', '/_sandbox/link/lookup', { email });
    assert.equal(lookup.body.registered, true);
    const verified = await sandboxBrowser(target, 'POST', '/_sandbox/link/verify', { email, code: '123456' });
    assert.equal(verified.body.funding.last4, '4242');
  },
  { sandboxOnly: WHY },
);
