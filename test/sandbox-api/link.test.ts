// Sandbox Link accounts (sandbox/api/resources/link-accounts.ts): lookup, one-time codes, `link`
// PaymentMethods whose funding card decides the outcome, and sign-up in the Payment Element.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import { CARDS, RETURN_URL, browser, harness } from './helpers.ts';

type Emu = ReturnType<typeof harness>['emu'];

const year = String(new Date().getUTCFullYear() + 2);
const signup = (emu: Emu, email: string, number: string = CARDS.visa, extra: Record<string, string> = {}) =>
  browser(emu, 'POST', '/_sandbox/link/signup', {
    email,
    phone: '+1 415 555 0100',
    'card[number]': number,
    'card[exp_month]': '12',
    'card[exp_year]': year,
    'card[cvc]': '123',
    'billing_details[name]': 'Ada Lovelace',
    ...extra,
  });

/** A browser ConfirmationToken for a saved PaymentMethod (what the stand-in sends after Link). */
async function tokenFor(emu: Emu, pm: string, extra: Record<string, string> = {}): Promise<string> {
  const res = await browser(emu, 'POST', '/v1/confirmation_tokens', { payment_method: pm, return_url: RETURN_URL, ...extra });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.id;
}

test('the seeded account: lookup, the three failing codes, and a sign-in that returns a `link` PaymentMethod and the funding card to show', async () => {
  const { emu, stripe } = harness();
  assert.deepEqual((await browser(emu, 'POST', '/_sandbox/link/lookup', { email: 'Link-Demo@example.com' })).body, { registered: true });
  assert.deepEqual((await browser(emu, 'POST', '/_sandbox/link/lookup', { email: 'nobody@example.com' })).body, { registered: false });
  for (const [code, err] of [['000001', 'link_code_invalid'], ['000002', 'link_code_expired'], ['000003', 'link_code_max_attempts']]) {
    const res = await browser(emu, 'POST', '/_sandbox/link/verify', { email: 'link-demo@example.com', code });
    assert.deepEqual([res.status, res.body.error.code], [400, err]);
  }
  const ok = await browser(emu, 'POST', '/_sandbox/link/verify', { email: 'link-demo@example.com', code: '123456' });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.shipping.address.country, 'US');
  const pm: Stripe.PaymentMethod = ok.body.payment_method;
  assert.equal(pm.type, 'link');
  assert.deepEqual(pm.link, { email: 'link-demo@example.com' });
  assert.equal(pm.card, undefined, 'a link PaymentMethod has no card hash');
  assert.equal(pm.billing_details.email, 'link-demo@example.com');
  assert.deepEqual(ok.body.funding, { type: 'card', brand: 'visa', last4: '4242', exp_month: 12, exp_year: ok.body.funding.exp_year });
  const token = await browser(emu, 'POST', '/v1/confirmation_tokens', { payment_method: pm.id, return_url: RETURN_URL });
  assert.equal(token.body.payment_method_preview.type, 'link');
  assert.deepEqual(token.body.payment_method_preview.link, { email: 'link-demo@example.com' });
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token.body.id });
  assert.equal(pi.status, 'succeeded');
  assert.deepEqual(pi.payment_method_types, ['card', 'link']);
  const charge = await stripe.charges.retrieve(pi.latest_charge as string);
  assert.equal(charge.payment_method_details?.type, 'link');
});

test('the funding card decides a Link payment: 3220 asks for 3DS, 0002 declines', async () => {
  const { emu, stripe } = harness();
  emu.registerLinkAccount('threeds@example.com', { name: 'T', shipping: { address: { country: 'US' } }, card: { number: CARDS.threeDS } });
  emu.registerLinkAccount('declined@example.com', { name: 'D', shipping: { address: { country: 'US' } }, card: { number: CARDS.declined } });
  const pmOf = async (email: string) => (await browser(emu, 'POST', '/_sandbox/link/verify', { email, code: '424242' })).body.payment_method.id as string;
  const threeDs = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await tokenFor(emu, await pmOf('threeds@example.com')) });
  assert.equal(threeDs.status, 'requires_action');
  const err = await stripe.paymentIntents
    .create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: await tokenFor(emu, await pmOf('declined@example.com')) })
    .catch((e) => e);
  assert.deepEqual([err.statusCode, err.decline_code, err.raw.payment_method.type], [402, 'generic_decline', 'link']);
});

test('sign-up: the account is pending until a payment with its `link` PaymentMethod succeeds; the email is then recognised', async () => {
  const { emu, stripe } = harness();
  const res = await signup(emu, 'New.Shopper@example.com');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.payment_method.type, 'link');
  assert.equal(res.body.payment_method.link.email, 'new.shopper@example.com');
  assert.equal(res.body.funding.last4, '4242');
  assert.equal((await browser(emu, 'POST', '/_sandbox/link/lookup', { email: 'new.shopper@example.com' })).body.registered, false, 'pending');
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', confirm: true, confirmation_token: await tokenFor(emu, res.body.payment_method.id) });
  assert.equal(pi.status, 'succeeded');
  assert.equal((await browser(emu, 'POST', '/_sandbox/link/lookup', { email: 'new.shopper@example.com' })).body.registered, true);
  const back = await browser(emu, 'POST', '/_sandbox/link/verify', { email: 'new.shopper@example.com', code: '654321' });
  assert.equal(back.body.funding.last4, '4242');
  assert.equal(back.body.name, 'Ada Lovelace');
  const twice = await signup(emu, 'new.shopper@example.com');
  assert.deepEqual([twice.status, twice.body.error.code], [400, 'link_account_exists']);
});

test('sign-up with a declined card leaves no account; bad phone, email or card data are refused', async () => {
  const { emu, stripe } = harness();
  const res = await signup(emu, 'unlucky@example.com', CARDS.declined);
  await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', confirm: true, confirmation_token: await tokenFor(emu, res.body.payment_method.id) }).catch(() => null);
  assert.equal((await browser(emu, 'POST', '/_sandbox/link/lookup', { email: 'unlucky@example.com' })).body.registered, false);
  const phone = await signup(emu, 'a@example.com', CARDS.visa, { phone: '12' });
  assert.deepEqual([phone.status, phone.body.error.param], [400, 'phone']);
  const email = await signup(emu, 'not-an-email');
  assert.deepEqual([email.status, email.body.error.param], [400, 'email']);
  const card = await signup(emu, 'b@example.com', '4242424242424241');
  assert.deepEqual([card.status, card.body.error.code], [402, 'incorrect_number']);
});

test('saved with a customer: a setup (or setup_future_usage) attaches the `link` PaymentMethod; list by type=link finds it; an off-session charge succeeds', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({ email: 'saver@example.com' });
  const res = await signup(emu, 'saver@example.com');
  const si = await stripe.setupIntents.create({ customer: customer.id, confirm: true, confirmation_token: await tokenFor(emu, res.body.payment_method.id) });
  assert.equal(si.status, 'succeeded');
  const listed = await stripe.paymentMethods.list({ customer: customer.id, type: 'link' });
  assert.deepEqual(listed.data.map((pm) => pm.id), [res.body.payment_method.id]);
  assert.equal((await stripe.paymentMethods.list({ customer: customer.id, type: 'card' })).data.length, 0);
  const later = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', customer: customer.id, payment_method: listed.data[0].id, off_session: true, confirm: true });
  assert.equal(later.status, 'succeeded');
});

test('an intent limited to cards refuses a `link` PaymentMethod (400, param payment_method) and keeps the token usable', async () => {
  const { emu, stripe } = harness();
  const pm = (await browser(emu, 'POST', '/_sandbox/link/verify', { email: 'link-demo@example.com', code: '424242' })).body.payment_method.id;
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method_types: ['card'] } as Stripe.PaymentIntentCreateParams);
  const token = await tokenFor(emu, pm);
  const err = await stripe.paymentIntents.confirm(pi.id, { confirmation_token: token }).catch((e) => e);
  assert.deepEqual([err.statusCode, err.param], [400, 'payment_method']);
  const other = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', confirm: true, confirmation_token: token });
  assert.equal(other.status, 'succeeded');
});
