/**
 * CustomerSessions, Products/Prices, Checkout Sessions (setup mode, hosted and embedded), Payment
 * Links and Subscriptions (default_incomplete) through the official SDK.
 *
 * Account assumptions on real Stripe: none beyond a test-mode key. Every product, price, customer
 * and link is created by the case itself (Payment Links need an active price; Checkout setup mode
 * needs `currency` because of dynamic payment methods, seed 003 § Create a Checkout Session).
 * `ui_mode` values are the pinned API version's (stripe@23 types: 'hosted_page' | 'embedded_page';
 * seed 003's examples show the older 'embedded').
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import {
  TEST_PM,
  confirmationToken,
  contractCase,
  createTarget,
  customer,
  eventually,
  intentIdFromClientSecret,
  rejection,
  requireEmulator,
  sandboxBrowser,
} from './target.ts';
import { checkoutSessionCompleted as completedEvent, testCardFields } from './checkout-fixtures.ts';

const target = createTarget();
const { stripe } = target;
const meta = { contract_run: target.runId };
const SUCCESS_URL = 'https://shop.example/setup/done?session_id={CHECKOUT_SESSION_ID}';
const RETURN_URL = 'https://shop.example/setup/return?session_id={CHECKOUT_SESSION_ID}';
const checkoutSessionCompleted = (sessionId: string) => completedEvent(target, sessionId);

// ---------------------------------------------------------------------------------------------
// CustomerSessions

contractCase(
  'CustomerSession with components.payment_element enabled returns a client_secret for the customer, echoing the features',
  'seed 002 § CustomerSession (save and reuse cards in the Payment Element); stripe@23 types: customerSessions.create',
  async () => {
    const cus = await customer(target);
    const session = await stripe.customerSessions.create({
      customer: cus.id,
      components: {
        payment_element: {
          enabled: true,
          features: {
            payment_method_redisplay: 'enabled',
            payment_method_save: 'enabled',
            payment_method_save_usage: 'off_session',
            payment_method_remove: 'enabled',
          },
        },
      },
    });
    assert.equal(session.object, 'customer_session');
    assert.equal(session.customer, cus.id);
    assert.equal(typeof session.client_secret, 'string');
    assert.ok(session.client_secret.length > 10);
    assert.equal(session.livemode, false);
    assert.ok(session.expires_at > session.created, 'expires after it was created');
    const pe = session.components?.payment_element;
    assert.equal(pe?.enabled, true);
    assert.equal(pe?.features?.payment_method_save, 'enabled');
    assert.equal(pe?.features?.payment_method_redisplay, 'enabled');
    assert.equal(pe?.features?.payment_method_remove, 'enabled');
  },
);

contractCase(
  'CustomerSession without components is 400 parameter_missing (param components)',
  'docs.stripe.com/api/errors (400 with param); stripe@23 types: CustomerSessionCreateParams.components is required',
  async () => {
    const cus = await customer(target);
    const err = await rejection(() => stripe.customerSessions.create({ customer: cus.id } as Stripe.CustomerSessionCreateParams));
    assert.equal(err.statusCode, 400);
    assert.equal(err.code, 'parameter_missing');
    assert.equal(err.param, 'components');
  },
);

// ---------------------------------------------------------------------------------------------
// Products and Prices

async function productWithPrices(): Promise<{ product: Stripe.Product; oneTime: Stripe.Price; monthly: Stripe.Price }> {
  const product = await stripe.products.create({ name: `Contract mug ${target.runId}`, metadata: meta });
  const oneTime = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1500, metadata: meta });
  const monthly = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' }, metadata: meta });
  return { product, oneTime, monthly };
}

contractCase(
  'Products and Prices: create a product, a one-time and a monthly price; retrieve them',
  'seed 004 § Set up your product catalog (Products and Prices model what is sold)',
  async () => {
    const { product, oneTime, monthly } = await productWithPrices();
    assert.match(product.id, /^prod_/);
    assert.equal(product.object, 'product');
    assert.equal(product.active, true);
    assert.match(oneTime.id, /^price_/);
    assert.equal(oneTime.object, 'price');
    assert.equal(oneTime.type, 'one_time');
    assert.equal(oneTime.recurring, null);
    assert.equal(oneTime.unit_amount, 1500);
    assert.equal(oneTime.currency, 'usd');
    assert.equal(oneTime.product, product.id);
    assert.equal(oneTime.active, true);
    assert.equal(monthly.type, 'recurring');
    assert.equal(monthly.recurring?.interval, 'month');
    assert.equal((await stripe.products.retrieve(product.id)).name, product.name);
    const fetched = await stripe.prices.retrieve(oneTime.id, { expand: ['product'] });
    assert.equal((fetched.product as Stripe.Product).id, product.id);
  },
);

// ---------------------------------------------------------------------------------------------
// Checkout Sessions in setup mode

async function setupSession(uiMode: 'hosted_page' | 'embedded_page', cus: Stripe.Customer): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create({
    mode: 'setup',
    currency: 'usd',
    customer: cus.id,
    ui_mode: uiMode,
    ...(uiMode === 'hosted_page' ? { success_url: SUCCESS_URL } : { return_url: RETURN_URL }),
    metadata: meta,
  });
}

contractCase(
  'Checkout setup mode, hosted: create is open with a url (no client_secret); retrieve matches; expire -> expired',
  'seed 003 § Create a Checkout Session / § Retrieve the Checkout Session; docs.stripe.com/api/checkout/sessions/expire (only open sessions expire)',
  async () => {
    const cus = await customer(target);
    const session = await setupSession('hosted_page', cus);
    assert.match(session.id, /^cs_/);
    assert.equal(session.object, 'checkout.session');
    assert.equal(session.mode, 'setup');
    assert.equal(session.status, 'open');
    assert.equal(session.ui_mode, 'hosted_page');
    assert.equal(session.customer, cus.id);
    assert.equal(typeof session.url, 'string');
    assert.equal(session.client_secret, null);
    const fetched = await stripe.checkout.sessions.retrieve(session.id);
    assert.equal(fetched.id, session.id);
    assert.equal(fetched.status, 'open');
    const expired = await stripe.checkout.sessions.expire(session.id);
    assert.equal(expired.status, 'expired');
    assert.equal(expired.url, null, 'url is only present while the session is active (stripe@23 types)');
    assert.equal((await stripe.checkout.sessions.retrieve(session.id)).status, 'expired');
    const again = await rejection(() => stripe.checkout.sessions.expire(session.id));
    assert.equal(again.statusCode, 400);
    assert.equal(again.rawType, 'invalid_request_error');
  },
);

contractCase(
  'Checkout setup mode, embedded: create is open with a client_secret (no url); retrieve matches; expire -> expired',
  'seed 003 § Embedded form: Create a Checkout Session / § Mount Checkout; docs.stripe.com/api/checkout/sessions/expire',
  async () => {
    const cus = await customer(target);
    const session = await setupSession('embedded_page', cus);
    assert.equal(session.mode, 'setup');
    assert.equal(session.status, 'open');
    assert.equal(session.ui_mode, 'embedded_page');
    assert.equal(typeof session.client_secret, 'string');
    assert.equal(session.url, null);
    assert.equal((await stripe.checkout.sessions.retrieve(session.id)).client_secret, session.client_secret);
    const expired = await stripe.checkout.sessions.expire(session.id);
    assert.equal(expired.status, 'expired');
  },
);

/** After completion: the SetupIntent succeeded and its card is the customer's (seed 003 § Retrieve the SetupIntent). */
async function assertSetupCompleted(sessionId: string, cus: Stripe.Customer): Promise<void> {
  const done = await stripe.checkout.sessions.retrieve(sessionId, { expand: ['setup_intent'] });
  assert.equal(done.status, 'complete');
  const si = done.setup_intent as Stripe.SetupIntent;
  assert.ok(si && typeof si === 'object', 'setup_intent expanded');
  assert.equal(si.status, 'succeeded');
  const pm = await stripe.paymentMethods.retrieve(si.payment_method as string);
  assert.equal(pm.customer, cus.id);
  assert.equal(pm.card?.last4, '4242');
  await checkoutSessionCompleted(sessionId);
}

contractCase(
  'Checkout setup mode, embedded: completing it makes the session complete, the SetupIntent succeeded and the card attached; checkout.session.completed is emitted',
  'seed 003 § Embedded form: Retrieve the Checkout Session / § Retrieve the SetupIntent; seed 004 § Track payments (checkout.session.completed)',
  async () => {
    const cus = await customer(target);
    const session = await setupSession('embedded_page', cus);
    const res = await sandboxBrowser(target, 'POST', `/_sandbox/checkout/${session.id}/complete`, {
      client_secret: session.client_secret!,
      ...testCardFields(),
      'billing_details[name]': 'Jenny Rosen',
      'billing_details[email]': cus.email ?? 'jenny@example.com',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await assertSetupCompleted(session.id, cus);
  },
  { sandboxOnly: "completing Checkout means filling Stripe's hosted/embedded page in a browser; the sandbox plays that page" },
);

contractCase(
  'Checkout setup mode, hosted: submitting the hosted page redirects (303) to success_url with the session id, and the session is complete',
  'seed 003 § Create a Checkout Session ({CHECKOUT_SESSION_ID} in success_url) / § Retrieve the SetupIntent',
  async () => {
    const emulator = requireEmulator(target);
    const cus = await customer(target);
    const session = await setupSession('hosted_page', cus);
    const form = new URLSearchParams({
      ...testCardFields(),
      'billing_details[email]': cus.email ?? 'jenny@example.com',
    });
    const res = await emulator.fetch(
      new Request(`http://api.stripe.sandbox/_sandbox/checkout/${session.id}/complete`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('Location'), SUCCESS_URL.replace('{CHECKOUT_SESSION_ID}', session.id));
    await assertSetupCompleted(session.id, cus);
  },
  { sandboxOnly: "completing Checkout means filling Stripe's hosted page in a browser; the sandbox plays that page" },
);

// ---------------------------------------------------------------------------------------------
// Payment Links

contractCase(
  'Payment Links: create with an active price (active, has a url), retrieve, deactivate with active=false, list',
  'seed 004 § Create a payment link / § Share your payment link / § Deactivate a payment link',
  async () => {
    const { oneTime } = await productWithPrices();
    const link = await stripe.paymentLinks.create({ line_items: [{ price: oneTime.id, quantity: 1 }], metadata: meta });
    assert.match(link.id, /^plink_/);
    assert.equal(link.object, 'payment_link');
    assert.equal(link.active, true);
    assert.equal(typeof link.url, 'string');
    assert.ok(link.url.startsWith('https://') || link.url.startsWith('http://'), link.url);
    const fetched = await stripe.paymentLinks.retrieve(link.id);
    assert.equal(fetched.url, link.url);
    const items = await stripe.paymentLinks.listLineItems(link.id);
    assert.equal(items.data.length, 1);
    assert.equal(items.data[0].price?.id, oneTime.id);
    assert.equal(items.data[0].quantity, 1);

    const off = await stripe.paymentLinks.update(link.id, { active: false });
    assert.equal(off.active, false);
    const inactive = await eventually(async () => {
      const list = await stripe.paymentLinks.list({ active: false, limit: 100 });
      return list.data.find((l) => l.id === link.id);
    }, 'the deactivated link in list({active: false})');
    assert.equal(inactive.active, false);
    const on = await stripe.paymentLinks.update(link.id, { active: true });
    assert.equal(on.active, true, 'a deactivated link can be turned back on');
  },
);

contractCase(
  'Payment Links: a purchase through the link completes a payment-mode Checkout Session tied to the link (checkout.session.completed); a deactivated link no longer sells',
  'seed 004 § Track payments (checkout.session.completed) / § Deactivate a payment link (customers can no longer finalize purchases)',
  async () => {
    const emulator = requireEmulator(target);
    const { oneTime } = await productWithPrices();
    const link = await stripe.paymentLinks.create({
      line_items: [{ price: oneTime.id, quantity: 2 }],
      after_completion: { type: 'redirect', redirect: { url: 'https://shop.example/thanks' } },
      metadata: meta,
    });
    const visit = await emulator.fetch(new Request(link.url));
    assert.equal(visit.status, 303, 'the link opens a Checkout page');
    const checkoutUrl = visit.headers.get('Location')!;
    const sessionId = /\/(cs_[A-Za-z0-9_]+)/.exec(checkoutUrl)?.[1];
    assert.ok(sessionId, checkoutUrl);
    const paid = await emulator.fetch(
      new Request(`${checkoutUrl}/complete`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          'card[number]': '4242424242424242',
          'card[exp_month]': '12',
          'card[exp_year]': String(new Date().getUTCFullYear() + 2),
          'billing_details[email]': `buyer+${target.runId}@example.com`,
        }).toString(),
      }),
    );
    assert.equal(paid.status, 303);
    assert.equal(paid.headers.get('Location'), 'https://shop.example/thanks');
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    assert.equal(session.mode, 'payment');
    assert.equal(session.status, 'complete');
    assert.equal(session.payment_status, 'paid');
    assert.equal(session.payment_link, link.id);
    assert.equal(session.amount_total, 3000);
    const event = await checkoutSessionCompleted(sessionId);
    assert.equal((event.data.object as Stripe.Checkout.Session).payment_link, link.id);

    await stripe.paymentLinks.update(link.id, { active: false });
    const closed = await emulator.fetch(new Request(link.url));
    assert.notEqual(closed.status, 303, 'a deactivated link does not open a Checkout page');
  },
  { sandboxOnly: "buying through a Payment Link means filling Stripe's hosted page in a browser; the sandbox plays buy.stripe.com and checkout.stripe.com" },
);

// ---------------------------------------------------------------------------------------------
// Subscriptions with payment_behavior=default_incomplete

/** A customer's monthly subscription created with payment_behavior=default_incomplete, its latest invoice's confirmation_secret expanded. */
async function defaultIncompleteSubscription(): Promise<Stripe.Subscription> {
  const { monthly } = await productWithPrices();
  const cus = await customer(target);
  return stripe.subscriptions.create({
    customer: cus.id,
    items: [{ price: monthly.id }],
    payment_behavior: 'default_incomplete',
    payment_settings: { save_default_payment_method: 'on_subscription' },
    expand: ['latest_invoice.confirmation_secret'],
    metadata: meta,
  });
}

contractCase(
  'Subscription with payment_behavior=default_incomplete is incomplete; its latest invoice is open with a PaymentIntent confirmation_secret (pinned API shape)',
  'docs.stripe.com/billing/subscriptions/overview (incomplete until the first payment); stripe@23 types: Invoice.confirmation_secret {client_secret, type: payment_intent}',
  async () => {
    const sub = await defaultIncompleteSubscription();
    assert.match(sub.id, /^sub_/);
    assert.equal(sub.status, 'incomplete');
    const invoice = sub.latest_invoice as Stripe.Invoice;
    assert.ok(invoice && typeof invoice === 'object', 'latest_invoice expanded');
    assert.match(invoice.id!, /^in_/);
    assert.equal(invoice.status, 'open');
    assert.equal(invoice.amount_due, 900);
    // The pinned API version's shape: the invoice no longer has a `payment_intent` field; the
    // client secret comes from the includable `confirmation_secret` (stripe@23 types: Invoice).
    assert.equal('payment_intent' in invoice, false, 'no invoice.payment_intent on the pinned API version');
    assert.equal(invoice.confirmation_secret?.type, 'payment_intent');
    const secret = invoice.confirmation_secret!.client_secret;
    const pi = await stripe.paymentIntents.retrieve(intentIdFromClientSecret(secret));
    assert.equal(pi.client_secret, secret);
    assert.equal(pi.amount, 900);
    assert.equal(pi.status, 'requires_payment_method');
  },
);

contractCase(
  'default_incomplete: confirming the first invoice PaymentIntent makes the subscription active and the invoice paid (invoice.paid emitted)',
  'docs.stripe.com/billing/subscriptions/overview (active once the first payment succeeds); stripe@23 types: SubscriptionCreateParams.payment_behavior',
  async () => {
    const sub = await defaultIncompleteSubscription();
    const invoice = sub.latest_invoice as Stripe.Invoice;
    const piId = intentIdFromClientSecret(invoice.confirmation_secret!.client_secret);
    // The token's setup_future_usage must agree with the intent's (save_default_payment_method
    // may set it); read it rather than assume it.
    const intent = await stripe.paymentIntents.retrieve(piId);
    const token = await confirmationToken(target, TEST_PM.visa, intent.setup_future_usage ? { setup_future_usage: intent.setup_future_usage } : {});
    const paid = await stripe.paymentIntents.confirm(piId, { confirmation_token: token.id });
    assert.equal(paid.status, 'succeeded');
    const active = await eventually(async () => {
      const s = await stripe.subscriptions.retrieve(sub.id);
      return s.status === 'active' ? s : null;
    }, 'the subscription to become active');
    assert.equal(active.status, 'active');
    const inv = await stripe.invoices.retrieve(invoice.id!);
    assert.equal(inv.status, 'paid');
    await eventually(async () => {
      const events = await stripe.events.list({ type: 'invoice.paid', limit: 20 });
      return events.data.find((e) => (e.data.object as Stripe.Invoice).id === invoice.id);
    }, 'invoice.paid');
  },
);
