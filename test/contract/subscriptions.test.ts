/**
 * The product's subscription mode: a Price found by lookup_key, a default_incomplete Subscription
 * with save_default_payment_method=on_subscription, its first invoice's PaymentIntent confirmed
 * server-side with a ConfirmationToken, and the events the server handles. Builds on the
 * default_incomplete cases in catalog-checkout.test.ts.
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { TEST_PM, confirmationToken, contractCase, customer, eventually, intentIdFromClientSecret, rejection, sandboxAuthenticate } from './target.ts';
import { runMetadata } from './fixtures.ts';
import { webhookRecorder } from './webhook-recorder.ts';

const { target, localEndpoint, deliveredEvents } = webhookRecorder();
const { stripe } = target;
const meta = runMetadata(target);

/** Lookup keys are unique per account, so each case's key carries the run id. */
const lookupKey = (name: string) => `${name}_${target.runId}`;

async function monthlyPrice(key: string): Promise<Stripe.Price> {
  return stripe.prices.create({ lookup_key: key, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' }, product_data: { name: `Club ${target.runId}` }, metadata: meta });
}

/** The product's create call, and the first invoice's PaymentIntent id (from its confirmation_secret). */
async function incompleteSubscription(): Promise<{ sub: Stripe.Subscription; invoice: Stripe.Invoice; piId: string }> {
  const key = lookupKey('club');
  const [price] = (await stripe.prices.list({ lookup_keys: [key] })).data;
  const cus = await customer(target);
  const sub = await stripe.subscriptions.create({
    customer: cus.id,
    items: [{ price: (price ?? (await monthlyPrice(key))).id }],
    payment_behavior: 'default_incomplete',
    payment_settings: { save_default_payment_method: 'on_subscription' },
    metadata: meta,
    expand: ['latest_invoice.confirmation_secret'],
  });
  const invoice = sub.latest_invoice as Stripe.Invoice;
  return { sub, invoice, piId: intentIdFromClientSecret(invoice.confirmation_secret!.client_secret) };
}

/** A token agreeing with the invoice PaymentIntent's setup_future_usage (read, not assumed). */
async function tokenFor(piId: string, paymentMethod: string): Promise<Stripe.ConfirmationToken> {
  const pi = await stripe.paymentIntents.retrieve(piId);
  return confirmationToken(target, paymentMethod, pi.setup_future_usage ? { setup_future_usage: pi.setup_future_usage } : {});
}

contractCase(
  'Prices: prices.list({lookup_keys}) finds the price created with that lookup_key; a second price with the key is refused (400) unless transfer_lookup_key moves it',
  'docs.stripe.com/products-prices/manage-prices#lookup-keys; stripe@23 types: PriceListParams.lookup_keys, PriceCreateParams.lookup_key / transfer_lookup_key ("atomically remove the lookup key from the existing price")',
  async () => {
    const key = lookupKey('lk');
    const first = await monthlyPrice(key);
    assert.equal(first.lookup_key, key);
    assert.deepEqual((await stripe.prices.list({ lookup_keys: [key] })).data.map((p) => p.id), [first.id]);
    const again = { lookup_key: key, unit_amount: 1000, currency: 'usd', recurring: { interval: 'month' as const }, product: first.product as string, metadata: meta };
    const dup = await rejection(() => stripe.prices.create(again));
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.rawType, 'invalid_request_error');
    const moved = await stripe.prices.create({ ...again, transfer_lookup_key: true });
    assert.equal(moved.lookup_key, key);
    assert.equal((await stripe.prices.retrieve(first.id)).lookup_key, null);
    await eventually(async () => {
      const listed = (await stripe.prices.list({ lookup_keys: [key] })).data;
      return listed.length === 1 && listed[0]!.id === moved.id ? listed : null;
    }, 'the lookup key to list the new price only');
  },
);

contractCase(
  'a default_incomplete subscription keeps its metadata, and its first invoice names it in parent.subscription_details.subscription (no invoice.subscription on the pinned version)',
  'stripe@23 types: Invoice.parent.subscription_details.subscription (Invoice has no top-level subscription field); SubscriptionCreateParams.metadata',
  async () => {
    const { sub, invoice } = await incompleteSubscription();
    assert.equal(sub.status, 'incomplete');
    assert.equal(sub.metadata.contract_run, target.runId);
    assert.equal(invoice.parent?.type, 'subscription_details');
    assert.equal(invoice.parent?.subscription_details?.subscription, sub.id);
    assert.equal('subscription' in invoice, false);
  },
);

contractCase(
  'a declined first payment is 402 and emits invoice.payment_failed; the subscription stays incomplete and the same PaymentIntent can then be paid',
  'docs.stripe.com/billing/subscriptions/webhooks (invoice.payment_failed; incomplete until the first invoice is paid); docs.stripe.com/billing/subscriptions/overview',
  async () => {
    const { sub, invoice, piId } = await incompleteSubscription();
    const declined = await rejection(async () => stripe.paymentIntents.confirm(piId, { confirmation_token: (await tokenFor(piId, TEST_PM.chargeDeclined)).id }));
    assert.equal(declined.statusCode, 402);
    assert.equal(declined.code, 'card_declined');
    await eventually(async () => {
      const events = await stripe.events.list({ type: 'invoice.payment_failed', limit: 20 });
      return events.data.find((e) => (e.data.object as Stripe.Invoice).id === invoice.id);
    }, 'invoice.payment_failed');
    assert.equal((await stripe.subscriptions.retrieve(sub.id)).status, 'incomplete');
    const paid = await stripe.paymentIntents.confirm(piId, { confirmation_token: (await tokenFor(piId, TEST_PM.visa)).id });
    assert.equal(paid.status, 'succeeded');
    await eventually(async () => ((await stripe.subscriptions.retrieve(sub.id)).status === 'active' ? true : null), 'the subscription to become active');
  },
);

contractCase(
  'first invoice with a 3DS card: server-side confirm -> requires_action; after authentication the subscription is active with the card as default_payment_method; the events are delivered signed',
  'docs.stripe.com/billing/subscriptions/webhooks (invoice.paid, invoice.payment_failed, customer.subscription.updated / deleted); seed 000 § Card authentication and 3D Secure; stripe@23 types: SubscriptionCreateParams.payment_settings.save_default_payment_method (on_subscription)',
  async () => {
    const endpoint = localEndpoint('/api/stripe/subscriptions');
    const { sub, invoice, piId } = await incompleteSubscription();
    const pending = await stripe.paymentIntents.confirm(piId, { confirmation_token: (await tokenFor(piId, TEST_PM.threeDSecure2Required)).id });
    assert.equal(pending.status, 'requires_action');
    await sandboxAuthenticate(target, pending, 'complete');
    const active = await stripe.subscriptions.retrieve(sub.id);
    assert.equal(active.status, 'active');
    assert.match(active.default_payment_method as string, /^pm_/);
    assert.equal((await stripe.invoices.retrieve(invoice.id!)).status, 'paid');
    assert.equal((await deliveredEvents(endpoint, 'invoice.paid', invoice.id!)).length, 1);
    assert.equal((await deliveredEvents(endpoint, 'invoice.payment_succeeded', invoice.id!)).length, 1);
    const [updated] = await deliveredEvents(endpoint, 'customer.subscription.updated', sub.id);
    assert.equal((updated!.data.object as Stripe.Subscription).status, 'active');

    const failing = await incompleteSubscription();
    const challenged = await stripe.paymentIntents.confirm(failing.piId, { confirmation_token: (await tokenFor(failing.piId, TEST_PM.threeDSecure2Required)).id });
    await sandboxAuthenticate(target, challenged, 'fail');
    assert.equal((await deliveredEvents(endpoint, 'invoice.payment_failed', failing.invoice.id!)).length, 1);
    await stripe.subscriptions.cancel(failing.sub.id);
    assert.equal((await deliveredEvents(endpoint, 'customer.subscription.deleted', failing.sub.id)).length, 1);
  },
  { sandboxOnly: 'completing or failing 3DS and delivering to a local endpoint need the sandbox' },
);
