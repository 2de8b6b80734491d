import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import { CARDS, browser, browserToken, harness, rejects } from './helpers.ts';

test('payment links: create, retrieve, list, deactivate; visits open a hosted session with payment_link', async () => {
  const { emu, stripe } = harness();
  const price = await stripe.prices.create({ product_data: { name: 'Mug' }, unit_amount: 1200, currency: 'usd' });
  const link = await stripe.paymentLinks.create({
    line_items: [{ price: price.id, quantity: 1 }],
    after_completion: { type: 'redirect', redirect: { url: 'https://shop.example/thanks?cs={CHECKOUT_SESSION_ID}' } },
    metadata: { campaign: 'spring' },
  });
  assert.match(link.id, /^plink_/);
  assert.equal(link.active, true);
  assert.equal(link.currency, 'usd');
  assert.match(link.url, new RegExp(`/_sandbox/payment_links/${link.id}$`));
  assert.equal((await stripe.paymentLinks.retrieve(link.id)).id, link.id);
  assert.equal((await stripe.paymentLinks.list()).data.length, 1);
  assert.equal((await stripe.paymentLinks.listLineItems(link.id)).data[0].price?.id, price.id);

  const visit = await emu.fetch(new Request(link.url, { redirect: 'manual' }));
  assert.equal(visit.status, 303);
  const sessionUrl = visit.headers.get('location')!;
  const sessionId = sessionUrl.split('/').pop()!;
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  assert.equal(session.payment_link, link.id);
  assert.equal(session.mode, 'payment');
  assert.equal(session.amount_total, 1200);
  assert.deepEqual((await stripe.checkout.sessions.list({ payment_link: link.id })).data.map((s) => s.id), [sessionId]);

  const off = await stripe.paymentLinks.update(link.id, { active: false });
  assert.equal(off.active, false);
  const gone = await emu.fetch(new Request(link.url));
  assert.equal(gone.status, 410);
  assert.match(await gone.text(), /expired/i);
  const updated = (await stripe.events.list({ type: 'payment_link.updated' })).data[0] as Stripe.PaymentLinkUpdatedEvent;
  assert.deepEqual(updated.data.previous_attributes, { active: true });
  await stripe.paymentLinks.update(link.id, { active: true });
  assert.equal((await emu.fetch(new Request(link.url, { redirect: 'manual' }))).status, 303);
});

test('payment link errors: missing line_items / quantity, unknown price, unknown link', async () => {
  const { stripe } = harness();
  const price = await stripe.prices.create({ product_data: { name: 'Mug' }, unit_amount: 1200, currency: 'usd' });
  assert.equal((await rejects(() => stripe.paymentLinks.create({} as Stripe.PaymentLinkCreateParams))).param, 'line_items');
  assert.equal((await rejects(() => stripe.paymentLinks.create({ line_items: [{ price: price.id } as never] }))).param, 'line_items[0][quantity]');
  assert.equal((await rejects(() => stripe.paymentLinks.create({ line_items: [{ price: 'price_x', quantity: 1 }] }))).statusCode, 404);
  assert.equal((await rejects(() => stripe.paymentLinks.retrieve('plink_nope'))).code, 'resource_missing');
  const redirectNoUrl = await rejects(() => stripe.paymentLinks.create({ line_items: [{ price: price.id, quantity: 1 }], after_completion: { type: 'redirect' } as never }));
  assert.equal(redirectNoUrl.param, 'after_completion[redirect][url]');
});

test('subscription default_incomplete: confirmation_secret, incomplete -> active on payment, events', async () => {
  const { emu, stripe } = harness();
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const price = await stripe.prices.create({ product_data: { name: 'Club' }, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
  const sub = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    payment_behavior: 'default_incomplete',
    payment_settings: { save_default_payment_method: 'on_subscription' },
    expand: ['latest_invoice.confirmation_secret', 'latest_invoice.payments'],
  });
  assert.match(sub.id, /^sub_/);
  assert.equal(sub.status, 'incomplete');
  assert.equal(sub.items.data[0].price.id, price.id);
  assert.ok(sub.items.data[0].current_period_end > sub.items.data[0].current_period_start);
  const invoice = sub.latest_invoice as Stripe.Invoice;
  assert.match(invoice.id!, /^in_/);
  assert.equal(invoice.status, 'open');
  assert.equal(invoice.amount_due, 900);
  assert.equal(invoice.confirmation_secret?.type, 'payment_intent');
  const clientSecret = invoice.confirmation_secret!.client_secret;
  const piId = clientSecret.split('_secret_')[0];
  assert.equal(invoice.payments?.data[0].payment.payment_intent, piId);

  // Not expanded: no includable fields.
  const plain = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
  assert.equal((plain.latest_invoice as Stripe.Invoice).confirmation_secret, undefined);

  // The browser confirms the invoice's PaymentIntent with the publishable key.
  const res = await browser(emu, 'POST', `/v1/payment_intents/${piId}/confirm`, {
    client_secret: clientSecret,
    // The invoice's PaymentIntent saves the card (on_subscription), so the token must say so too.
    confirmation_token: await browserToken(emu, CARDS.visa, { setup_future_usage: 'off_session' }),
    return_url: 'https://shop.example/return',
  });
  assert.equal(res.body.status, 'succeeded');
  const active = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
  assert.equal(active.status, 'active');
  assert.equal((active.latest_invoice as Stripe.Invoice).status, 'paid');
  assert.match(active.default_payment_method as string, /^pm_/);
  const pm = await stripe.paymentMethods.retrieve(active.default_payment_method as string);
  assert.equal(pm.customer, customer.id);
  const updated = (await stripe.events.list({ type: 'customer.subscription.updated' })).data[0] as Stripe.CustomerSubscriptionUpdatedEvent;
  assert.equal(updated.data.object.status, 'active');
  assert.equal((updated.data.previous_attributes as { status: string }).status, 'incomplete');
  const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type).reverse();
  const at = (t: string) => types.indexOf(t as never);
  assert.ok(at('customer.subscription.created') >= 0 && at('invoice.finalized') >= 0);
  assert.ok(at('payment_intent.succeeded') < at('invoice.paid'));
  assert.ok(at('invoice.paid') < at('customer.subscription.updated'));
});

test('subscriptions: latest_invoice.payment_intent is not expandable on this API version; other errors; cancel', async () => {
  const { stripe } = harness();
  const customer = await stripe.customers.create({});
  const price = await stripe.prices.create({ product_data: { name: 'Club' }, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
  const oneTime = await stripe.prices.create({ product_data: { name: 'Mug' }, unit_amount: 900, currency: 'usd' });
  const base = { customer: customer.id, payment_behavior: 'default_incomplete' as const };
  const expandErr = await rejects(() => stripe.subscriptions.create({ ...base, items: [{ price: price.id }], expand: ['latest_invoice.payment_intent'] }));
  assert.equal(expandErr.param, 'expand');
  assert.equal((await stripe.subscriptions.list({ customer: customer.id })).data.length, 0, 'nothing created');
  assert.equal((await rejects(() => stripe.subscriptions.create({ ...base, items: [{ price: oneTime.id }] }))).param, 'items[0][price]');
  assert.equal((await rejects(() => stripe.subscriptions.create({ ...base, customer: 'cus_nope', items: [{ price: price.id }] }))).statusCode, 404);
  assert.equal((await rejects(() => stripe.subscriptions.create({ ...base } as never))).param, 'items');
  const sub = await stripe.subscriptions.create({ ...base, items: [{ price: price.id }] });
  const canceled = await stripe.subscriptions.cancel(sub.id);
  assert.equal(canceled.status, 'canceled');
  assert.ok(canceled.canceled_at);
  assert.equal((await stripe.events.list({ type: 'customer.subscription.deleted' })).data.length, 1);
  assert.equal((await rejects(() => stripe.subscriptions.retrieve('sub_nope'))).code, 'resource_missing');
});

test('mounted under a prefix with publicBaseUrl: link -> hosted page -> hosted_confirmation page', async () => {
  const { Hono } = await import('hono');
  const { createStripeEmulator } = await import('../../sandbox/api/index.ts');
  const emu = createStripeEmulator({ publicBaseUrl: 'http://shop.example/sandbox/stripe', deliver: async () => new Response('ok') });
  const outer = new Hono();
  outer.route('/sandbox/stripe', emu.app);
  const get = (url: string) => outer.fetch(new Request(url, { redirect: 'manual' }));
  const stripe = emu.stripeClient();
  const price = await stripe.prices.create({ product_data: { name: 'Mug' }, unit_amount: 1200, currency: 'usd' });
  const link = await stripe.paymentLinks.create({
    line_items: [{ price: price.id, quantity: 1 }],
    after_completion: { type: 'hosted_confirmation', hosted_confirmation: { custom_message: 'See you soon!' } },
  });
  assert.equal(link.url, `http://shop.example/sandbox/stripe/_sandbox/payment_links/${link.id}`);
  const visit = await get(link.url);
  const pageUrl = visit.headers.get('location')!;
  assert.match(pageUrl, /^http:\/\/shop\.example\/sandbox\/stripe\/_sandbox\/checkout\/cs_test_/);
  const html = await (await get(pageUrl)).text();
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1], pageUrl).href;
  const body = new URLSearchParams({ 'card[number]': '4242424242424242', 'card[exp_month]': '12', 'card[exp_year]': String(new Date().getUTCFullYear() + 1) });
  const done = await outer.fetch(new Request(action, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' }));
  assert.equal(done.status, 303);
  const confirmation = await get(done.headers.get('location')!);
  assert.equal(confirmation.status, 200);
  assert.match(await confirmation.text(), /See you soon!/);
  const [completed] = (await stripe.events.list({ type: 'checkout.session.completed' })).data;
  assert.equal((completed.data.object as Stripe.Checkout.Session).payment_link, link.id);
});
