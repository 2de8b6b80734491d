import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import type { StripeEmulator } from '../../sandbox/api/index.ts';
import { CARDS, browser, harness, rejects } from './helpers.ts';

const year = String(new Date().getUTCFullYear() + 2);

/** Submits the hosted Checkout page's form, as a customer's browser would (no API key). */
async function submitHosted(emu: StripeEmulator, url: string, number: string, extra: Record<string, string> = {}) {
  const page = await emu.fetch(new Request(url));
  const html = await page.text();
  // The form's action is relative to the page, so it works under any mount prefix.
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1], url).href;
  const body = new URLSearchParams({ 'card[number]': number, 'card[exp_month]': '12', 'card[exp_year]': year, 'card[cvc]': '123', 'billing_details[email]': 'jenny@example.com', ...extra });
  return emu.fetch(new Request(action, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' }));
}

test('products and prices: create, retrieve, list; price_data/product_data; errors', async () => {
  const { stripe } = harness();
  const product = await stripe.products.create({ name: 'Mug' });
  assert.match(product.id, /^prod_/);
  const price = await stripe.prices.create({ product: product.id, unit_amount: 1200, currency: 'USD' });
  assert.match(price.id, /^price_/);
  assert.equal(price.type, 'one_time');
  assert.equal(price.currency, 'usd');
  const monthly = await stripe.prices.create({ product_data: { name: 'Club' }, unit_amount: 500, currency: 'usd', recurring: { interval: 'month' } });
  assert.equal(monthly.type, 'recurring');
  assert.equal(monthly.recurring?.interval, 'month');
  assert.equal((await stripe.prices.retrieve(price.id, { expand: ['product'] })).product && (await stripe.prices.retrieve(price.id)).product, product.id);
  const expanded = await stripe.prices.retrieve(price.id, { expand: ['product'] });
  assert.equal((expanded.product as Stripe.Product).name, 'Mug');
  assert.equal((await stripe.prices.list({ product: product.id })).data.length, 1);
  assert.equal((await stripe.products.list()).data.length, 2);
  const missing = await rejects(() => stripe.prices.retrieve('price_nope'));
  assert.equal(missing.statusCode, 404);
  const noName = await rejects(() => stripe.products.create({} as Stripe.ProductCreateParams));
  assert.equal(noName.param, 'name');
  const badProduct = await rejects(() => stripe.prices.create({ product: 'prod_nope', unit_amount: 100, currency: 'usd' }));
  assert.equal(badProduct.param, 'product');
  const types = (await stripe.events.list()).data.map((e) => e.type);
  assert.deepEqual(types.filter((t) => t === 'product.created').length, 2);
});

test('hosted payment session: url page, completion redirects with {CHECKOUT_SESSION_ID}, intent and events', async () => {
  const { emu, stripe } = harness();
  const price = await stripe.prices.create({ product_data: { name: 'Mug' }, unit_amount: 1200, currency: 'usd' });
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: price.id, quantity: 2 }],
    success_url: 'https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://shop.example/cancel',
    metadata: { order: 'o1' },
  });
  assert.match(session.id, /^cs_test_/);
  assert.equal(session.ui_mode, 'hosted_page');
  assert.equal(session.status, 'open');
  assert.equal(session.payment_status, 'unpaid');
  assert.equal(session.amount_total, 2400);
  assert.equal(session.client_secret, null);
  assert.equal(session.line_items, undefined, 'line_items only when expanded');
  const page = await emu.fetch(new Request(session.url!));
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /<label>Card number <input name="card\[number\]"/);
  assert.match(html, /24\.00 USD/);

  const declined = await submitHosted(emu, session.url!, CARDS.declined);
  assert.equal(declined.status, 402);
  assert.match(await declined.text(), /role="alert"/);
  assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'open');

  const res = await submitHosted(emu, session.url!, CARDS.visa);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `https://shop.example/ok?session_id=${session.id}`);
  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent', 'line_items'] });
  assert.equal(done.status, 'complete');
  assert.equal(done.payment_status, 'paid');
  assert.equal(done.url, null);
  const pi = done.payment_intent as Stripe.PaymentIntent;
  assert.equal(pi.status, 'succeeded');
  assert.equal(pi.amount, 2400);
  assert.equal(done.line_items?.data[0].quantity, 2);
  assert.equal(done.customer_details?.email, 'jenny@example.com');
  const [completed] = (await stripe.events.list({ type: 'checkout.session.completed' })).data;
  assert.equal((completed.data.object as Stripe.Checkout.Session).id, session.id);
  assert.equal(completed.request?.id ?? null, null, 'customer action');
  const again = await submitHosted(emu, `${session.url}`, CARDS.visa).catch(() => null);
  assert.ok(again === null || again.status !== 303);
});

test('embedded setup session: client_secret, embedded data route, pk completion, SetupIntent attached', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const session = await stripe.checkout.sessions.create({
    mode: 'setup',
    ui_mode: 'embedded_page',
    currency: 'usd',
    customer: customer.id,
    return_url: 'https://shop.example/return?session_id={CHECKOUT_SESSION_ID}',
  });
  assert.equal(session.url, null);
  assert.match(session.client_secret!, new RegExp(`^${session.id}_secret_`));
  assert.equal(session.payment_status, 'no_payment_required');
  assert.equal(session.amount_total, null);
  const data = await browser(emu, 'GET', `/_sandbox/checkout/${session.id}/embedded`, { client_secret: session.client_secret! });
  assert.equal(data.body.mode, 'setup');
  assert.equal(data.body.currency, 'usd');
  const wrong = await browser(emu, 'GET', `/_sandbox/checkout/${session.id}/embedded`, { client_secret: 'nope' });
  assert.equal(wrong.status, 400);
  const res = await browser(emu, 'POST', `/_sandbox/checkout/${session.id}/complete`, {
    client_secret: session.client_secret!,
    'card[number]': CARDS.visa,
    'card[exp_month]': '12',
    'card[exp_year]': year,
    'card[cvc]': '123',
  });
  assert.equal(res.status, 200);
  assert.equal(res.body.session.status, 'complete');
  assert.equal(res.body.redirect_url, `https://shop.example/return?session_id=${session.id}`);
  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
  const si = done.setup_intent as Stripe.SetupIntent;
  assert.equal(si.status, 'succeeded');
  const pm = await stripe.paymentMethods.retrieve(si.payment_method as string);
  assert.equal(pm.customer, customer.id);
  const types = (await stripe.events.list()).data.map((e) => e.type);
  for (const t of ['setup_intent.created', 'setup_intent.succeeded', 'payment_method.attached', 'checkout.session.completed']) assert.ok(types.includes(t as never), t);
});

test('create validation: mode, ui_mode values, urls per ui_mode, currency in setup mode, prices', async () => {
  const { stripe } = harness();
  const oneTime = await stripe.prices.create({ product_data: { name: 'Mug' }, unit_amount: 1200, currency: 'usd' });
  const noMode = await rejects(() => stripe.checkout.sessions.create({} as Stripe.Checkout.SessionCreateParams));
  assert.equal(noMode.param, 'mode');
  const oldName = await rejects(() => stripe.checkout.sessions.create({ mode: 'payment', ui_mode: 'embedded' as never, line_items: [{ price: oneTime.id, quantity: 1 }] }));
  assert.equal(oldName.param, 'ui_mode');
  const noReturn = await rejects(() => stripe.checkout.sessions.create({ mode: 'payment', ui_mode: 'embedded_page', line_items: [{ price: oneTime.id, quantity: 1 }] }));
  assert.equal(noReturn.param, 'return_url');
  const successOnEmbedded = await rejects(() =>
    stripe.checkout.sessions.create({ mode: 'payment', ui_mode: 'embedded_page', return_url: 'https://x', success_url: 'https://x', line_items: [{ price: oneTime.id, quantity: 1 }] }),
  );
  assert.equal(successOnEmbedded.param, 'success_url');
  const noCurrency = await rejects(() => stripe.checkout.sessions.create({ mode: 'setup', success_url: 'https://x' }));
  assert.equal(noCurrency.param, 'currency');
  const noItems = await rejects(() => stripe.checkout.sessions.create({ mode: 'payment', success_url: 'https://x' }));
  assert.equal(noItems.param, 'line_items');
  const recurringInPayment = await rejects(() =>
    stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' }, recurring: { interval: 'month' } }, quantity: 1 }] }),
  );
  assert.equal(recurringInPayment.param, 'line_items[0][price]');
  const missingPrice = await rejects(() => stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_nope', quantity: 1 }] }));
  assert.equal(missingPrice.statusCode, 404);
  assert.equal(missingPrice.param, 'line_items[0][price]');
  const missing = await rejects(() => stripe.checkout.sessions.retrieve('cs_test_nope'));
  assert.equal(missing.code, 'resource_missing');
});

test('expire: only open sessions; emits checkout.session.expired; the page then answers 410', async () => {
  const { emu, stripe } = harness();
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', unit_amount: 700, product_data: { name: 'Tea' } }, quantity: 1 }],
    success_url: 'https://shop.example/ok',
  });
  const expired = await stripe.checkout.sessions.expire(session.id);
  assert.equal(expired.status, 'expired');
  assert.equal(expired.url, null);
  const twice = await rejects(() => stripe.checkout.sessions.expire(session.id));
  assert.equal(twice.statusCode, 400);
  assert.equal((await emu.fetch(new Request(session.url!))).status, 410);
  assert.equal((await stripe.events.list({ type: 'checkout.session.expired' })).data.length, 1);
  const list = await stripe.checkout.sessions.list({ status: 'expired' });
  assert.deepEqual(list.data.map((s) => s.id), [session.id]);
});

test('sessions past expires_at expire when next read', async () => {
  let now = Date.now();
  const { stripe } = harness({ now: () => now });
  const session = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'https://x' });
  now += 25 * 60 * 60 * 1000;
  assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'expired');
});

test('subscription mode: completion creates an active subscription with a paid invoice', async () => {
  const { emu, stripe } = harness();
  const price = await stripe.prices.create({ product_data: { name: 'Club' }, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: price.id, quantity: 1 }], success_url: 'https://shop.example/ok' });
  const res = await submitHosted(emu, session.url!, CARDS.visa);
  assert.equal(res.status, 303);
  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
  const sub = done.subscription as Stripe.Subscription;
  assert.equal(sub.status, 'active');
  assert.match(done.customer as string, /^cus_/);
  assert.equal(typeof sub.default_payment_method, 'string');
  const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type);
  for (const t of ['customer.subscription.created', 'invoice.paid', 'customer.subscription.updated', 'checkout.session.completed']) assert.ok(types.includes(t as never), t);
});
