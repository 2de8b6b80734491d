/**
 * The Checkout Sessions the merchant side creates, end to end: setup mode with and without a
 * Customer, payment and subscription mode with inline `price_data`, `metadata`, expiry, a Payment
 * Link purchase, and afterwards making the saved card the customer's default.
 * Sources: seed 003 (Checkout setup mode), seed 004 (Payment Links), stripe@23 Checkout
 * Sessions.d.ts (Session.customer, SessionCreateParams.customer_creation), PaymentLinks.d.ts
 * (metadata is copied to the sessions a link creates; payment_intent_data.metadata to its
 * PaymentIntents). Completing a Checkout page is sandbox only: on Stripe a browser fills it in.
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { contractCase, createTarget, customer, eventFor, requireEmulator } from './target.ts';
import { checkoutSessionCompleted, completeCheckout } from './checkout-fixtures.ts';

const target = createTarget();
const { stripe } = target;
const meta = { contract_run: target.runId };
const SUCCESS_URL = 'https://shop.example/done?session_id={CHECKOUT_SESSION_ID}';
const PAGE = "completing Checkout means filling Stripe's hosted/embedded page in a browser; the sandbox plays that page";

/** A payment-mode session for `quantity` workshop tickets (12.50 usd each, inline price_data), tagged with `orderId`. */
const ticketSession = (quantity: number, orderId: string) =>
  stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', unit_amount: 1250, product_data: { name: 'Workshop ticket' } }, quantity }],
    customer_email: `buyer+${target.runId}@example.com`,
    success_url: SUCCESS_URL,
    metadata: { ...meta, order_id: orderId },
  });

const completedSession = async (id: string) => (await checkoutSessionCompleted(target, id)).data.object as Stripe.Checkout.Session;

contractCase(
  'setup mode with an existing customer (embedded): checkout.session.completed names the SetupIntent; expand setup_intent.payment_method shows the card attached; it can become the default',
  'seed 003 § Retrieve the Checkout Session / § Retrieve the SetupIntent; docs.stripe.com/expand; docs.stripe.com/api/customers/update (invoice_settings.default_payment_method)',
  async () => {
    const cus = await customer(target);
    const session = await stripe.checkout.sessions.create({
      mode: 'setup',
      currency: 'usd',
      customer: cus.id,
      ui_mode: 'embedded_page',
      return_url: 'https://shop.example/return?session_id={CHECKOUT_SESSION_ID}',
      metadata: { ...meta, purpose: 'save-card' },
    });
    await completeCheckout(target, session);
    const completed = await completedSession(session.id);
    assert.equal(completed.mode, 'setup');
    assert.equal(completed.status, 'complete');
    assert.equal(completed.customer, cus.id);
    assert.equal(completed.metadata?.purpose, 'save-card');
    assert.match(completed.setup_intent as string, /^seti_/);
    assert.equal(completed.payment_intent, null);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent', 'setup_intent.payment_method'] });
    const si = done.setup_intent as Stripe.SetupIntent;
    assert.equal(si.status, 'succeeded');
    const pm = si.payment_method as Stripe.PaymentMethod;
    assert.equal(pm.customer, cus.id);
    assert.equal(pm.card?.last4, '4242');
    await stripe.customers.update(cus.id, { invoice_settings: { default_payment_method: pm.id } });
    assert.equal((await stripe.customers.retrieve(cus.id) as Stripe.Customer).invoice_settings.default_payment_method, pm.id);
  },
  { sandboxOnly: PAGE },
);

contractCase(
  'setup mode without a customer creates none (the card stays unattached) unless customer_creation=always',
  'stripe@23 Checkout Session.customer (only subscription mode and customer_creation=always create a Customer); SessionCreateParams.customer_creation (payment and setup mode)',
  async () => {
    const plain = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: SUCCESS_URL, metadata: meta });
    await completeCheckout(target, plain, { 'billing_details[email]': `guest+${target.runId}@example.com` });
    const guest = await stripe.checkout.sessions.retrieve(plain.id, { expand: ['setup_intent'] });
    assert.equal(guest.customer, null);
    assert.equal((guest.setup_intent as Stripe.SetupIntent).status, 'succeeded');
    assert.equal((guest.setup_intent as Stripe.SetupIntent).customer, null);
    assert.equal(guest.customer_details?.email, `guest+${target.runId}@example.com`);

    const always = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', customer_creation: 'always', success_url: SUCCESS_URL, metadata: meta });
    await completeCheckout(target, always, { 'billing_details[email]': `new+${target.runId}@example.com` });
    const created = await stripe.checkout.sessions.retrieve(always.id, { expand: ['setup_intent.payment_method'] as never });
    assert.match(created.customer as string, /^cus_/);
    assert.equal((await stripe.customers.retrieve(created.customer as string) as Stripe.Customer).email, `new+${target.runId}@example.com`);
    assert.equal(((created.setup_intent as Stripe.SetupIntent).payment_method as Stripe.PaymentMethod).customer, created.customer);
  },
  { sandboxOnly: PAGE },
);

contractCase(
  'payment mode with line_items[].price_data (product_data, unit_amount) and customer_email: create is open with amount_total and a url',
  'seed 004 § Set up your product catalog (price_data for ad-hoc prices); docs.stripe.com/api/checkout/sessions/create',
  async () => {
    const session = await ticketSession(2, 'order_1');
    assert.equal(session.status, 'open');
    assert.equal(session.amount_total, 2500);
    assert.equal(session.currency, 'usd');
    assert.equal(session.customer_email, `buyer+${target.runId}@example.com`);
    assert.equal(session.metadata?.order_id, 'order_1');
    assert.equal(typeof session.url, 'string');
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    assert.equal(items.data[0].description, 'Workshop ticket');
    assert.equal(items.data[0].amount_total, 2500);
  },
);

contractCase(
  'payment mode, completed: checkout.session.completed carries the succeeded PaymentIntent, payment_status paid and the metadata',
  'seed 004 § Track payments (checkout.session.completed); docs.stripe.com/checkout/fulfillment',
  async () => {
    const session = await ticketSession(1, 'order_2');
    await completeCheckout(target, session);
    const completed = await completedSession(session.id);
    assert.equal(completed.payment_status, 'paid');
    assert.equal(completed.metadata?.order_id, 'order_2');
    assert.equal(completed.customer_details?.email, `buyer+${target.runId}@example.com`);
    assert.equal(completed.setup_intent, null);
    const pi = await stripe.paymentIntents.retrieve(completed.payment_intent as string);
    assert.equal(pi.status, 'succeeded');
    assert.equal(pi.amount, 1250);
  },
  { sandboxOnly: PAGE },
);

contractCase(
  'subscription mode with recurring price_data: completing creates the customer and an active subscription, named by checkout.session.completed',
  'stripe@23 Checkout Session.customer (subscription mode creates a Customer); docs.stripe.com/billing/subscriptions/build-subscriptions',
  async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price_data: { currency: 'usd', unit_amount: 900, recurring: { interval: 'month' }, product_data: { name: 'Pro plan' } }, quantity: 1 }],
      customer_email: `sub+${target.runId}@example.com`,
      success_url: SUCCESS_URL,
      metadata: meta,
    });
    await completeCheckout(target, session);
    const completed = await completedSession(session.id);
    assert.match(completed.customer as string, /^cus_/);
    const sub = await stripe.subscriptions.retrieve(completed.subscription as string);
    assert.equal(sub.status, 'active');
    assert.equal(sub.customer, completed.customer);
  },
  { sandboxOnly: PAGE },
);

contractCase(
  'expiring an open session emits checkout.session.expired',
  'docs.stripe.com/api/checkout/sessions/expire; stripe@23 types (Event type checkout.session.expired)',
  async () => {
    const session = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: SUCCESS_URL, metadata: meta });
    await stripe.checkout.sessions.expire(session.id);
    const event = await eventFor(target, 'checkout.session.expired', (s: Stripe.Checkout.Session) => s.id === session.id);
    assert.equal((event.data.object as Stripe.Checkout.Session).status, 'expired');
  },
);

contractCase(
  "a Payment Link purchase: the session has payment_link set and the link's metadata; the PaymentIntent gets payment_intent_data.metadata",
  'stripe@23 PaymentLinkCreateParams.metadata ("copied to checkout sessions created by this payment link") and .payment_intent_data.metadata; seed 004 § Track payments',
  async () => {
    const link = await stripe.paymentLinks.create({
      line_items: [{ price: (await stripe.prices.create({ currency: 'usd', unit_amount: 700, product_data: { name: 'Sticker' } })).id, quantity: 1 }],
      metadata: { ...meta, campaign: 'spring' },
      payment_intent_data: { metadata: { fulfil: 'sticker' } },
    });
    assert.equal(link.payment_intent_data?.metadata.fulfil, 'sticker');
    const visit = await requireEmulator(target).fetch(new Request(link.url));
    assert.equal(visit.status, 303);
    const sessionId = /\/(cs_[A-Za-z0-9_]+)/.exec(visit.headers.get('Location')!)![1];
    await completeCheckout(target, await stripe.checkout.sessions.retrieve(sessionId));
    const completed = await completedSession(sessionId);
    assert.equal(completed.payment_link, link.id);
    assert.equal(completed.metadata?.campaign, 'spring');
    const pi = await stripe.paymentIntents.retrieve(completed.payment_intent as string);
    assert.equal(pi.metadata.fulfil, 'sticker');
    assert.equal(pi.metadata.campaign, undefined, "the link's own metadata stays on the session");
  },
  { sandboxOnly: "buying through a Payment Link means filling Stripe's hosted page in a browser; the sandbox plays buy.stripe.com and checkout.stripe.com" },
);
