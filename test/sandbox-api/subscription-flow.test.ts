// The product's subscription flow, server side: a Price found by lookup_key, a default_incomplete
// Subscription, its first invoice's PaymentIntent confirmed with the secret key and a
// subscription-mode ConfirmationToken, 3DS, declines, and the events each step emits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Stripe from 'stripe';
import { CARDS, browser, browserToken, harness, rejects, type Harness } from './helpers.ts';

/** A token as the stand-in makes it from Elements in subscription mode. */
const subscriptionToken = (h: Harness, card: string) =>
  browserToken(h.emu, card, {
    setup_future_usage: 'off_session',
    'client_context[mode]': 'subscription',
    'client_context[currency]': 'usd',
    'client_context[setup_future_usage]': 'off_session',
  });

async function incompleteSubscription(h: Harness) {
  const price = await h.stripe.prices.create({ lookup_key: 'club_monthly', unit_amount: 900, currency: 'usd', recurring: { interval: 'month' }, product_data: { name: 'Club' } });
  const customer = await h.stripe.customers.create({ email: 'jenny@example.com' });
  const sub = await h.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    payment_behavior: 'default_incomplete',
    payment_settings: { save_default_payment_method: 'on_subscription' },
    metadata: { order_id: 'ord_1' },
    expand: ['latest_invoice.confirmation_secret'],
  });
  const invoice = sub.latest_invoice as Stripe.Invoice;
  const piId = invoice.confirmation_secret!.client_secret.split('_secret_')[0]!;
  return { price, customer, sub, invoice, piId };
}

const eventTypes = async (h: Harness) => (await h.stripe.events.list({ limit: 100 })).data.map((e) => e.type);

test('prices: lookup_keys list; a duplicate lookup_key is refused unless transfer_lookup_key moves it', async () => {
  const h = harness();
  const first = await h.stripe.prices.create({ lookup_key: 'club_monthly', unit_amount: 900, currency: 'usd', recurring: { interval: 'month' }, product_data: { name: 'Club' } });
  await h.stripe.prices.create({ lookup_key: 'other', unit_amount: 100, currency: 'usd', product_data: { name: 'Other' } });
  const found = await h.stripe.prices.list({ lookup_keys: ['club_monthly'], expand: ['data.product'] });
  assert.deepEqual(found.data.map((p) => p.id), [first.id]);
  assert.equal((found.data[0]!.product as Stripe.Product).name, 'Club');

  const dup = await rejects(() => h.stripe.prices.create({ lookup_key: 'club_monthly', unit_amount: 1000, currency: 'usd', recurring: { interval: 'month' }, product: first.product as string }));
  assert.equal(dup.statusCode, 400);
  assert.equal(dup.param, 'lookup_key');
  assert.match(dup.message, new RegExp(first.id));

  const moved = await h.stripe.prices.create({ lookup_key: 'club_monthly', transfer_lookup_key: true, unit_amount: 1000, currency: 'usd', recurring: { interval: 'month' }, product: first.product as string });
  assert.equal(moved.lookup_key, 'club_monthly');
  assert.equal((await h.stripe.prices.retrieve(first.id)).lookup_key, null);
  assert.deepEqual((await h.stripe.prices.list({ lookup_keys: ['club_monthly'] })).data.map((p) => p.id), [moved.id]);
  const [updated] = (await h.stripe.events.list({ type: 'price.updated' })).data as Stripe.PriceUpdatedEvent[];
  assert.equal(updated!.data.object.id, first.id);
  assert.equal((updated!.data.previous_attributes as { lookup_key: string }).lookup_key, 'club_monthly');
  assert.equal((await rejects(() => h.stripe.prices.list({ lookup_keys: Array.from({ length: 11 }, (_, i) => `k${i}`) }))).param, 'lookup_keys');
});

test('default_incomplete subscription: invoice names its subscription; secret-key confirm with 3DS activates it', async () => {
  const h = harness();
  const { customer, sub, invoice, piId } = await incompleteSubscription(h);
  assert.equal(sub.status, 'incomplete');
  assert.deepEqual(sub.metadata, { order_id: 'ord_1' });
  assert.equal(invoice.parent?.type, 'subscription_details');
  assert.equal(invoice.parent?.subscription_details?.subscription, sub.id);
  assert.equal(invoice.status, 'open');

  const pending = await h.stripe.paymentIntents.confirm(piId, { confirmation_token: await subscriptionToken(h, CARDS.threeDS) });
  assert.equal(pending.status, 'requires_action');
  assert.ok((await eventTypes(h)).includes('invoice.payment_action_required'));
  const page = await browser(h.emu, 'POST', `/_sandbox/3ds/${piId}`, { client_secret: pending.client_secret!, outcome: 'complete' });
  assert.equal(page.body.status, 'succeeded');

  const active = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
  assert.equal(active.status, 'active');
  assert.equal((active.latest_invoice as Stripe.Invoice).status, 'paid');
  assert.match(active.default_payment_method as string, /^pm_/);
  assert.equal((await h.stripe.paymentMethods.retrieve(active.default_payment_method as string)).customer, customer.id);
  const types = await eventTypes(h);
  for (const t of ['invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated']) assert.ok(types.includes(t as never), t);
  assert.equal(types.includes('invoice.payment_failed'), false);
});

test('a declined first payment emits invoice.payment_failed; the subscription stays incomplete and can be paid again', async () => {
  const h = harness();
  const { sub, invoice, piId } = await incompleteSubscription(h);
  const declinedToken = await subscriptionToken(h, CARDS.declined);
  const declined = await rejects(() => h.stripe.paymentIntents.confirm(piId, { confirmation_token: declinedToken }));
  assert.equal(declined.statusCode, 402);
  const [failed] = (await h.stripe.events.list({ type: 'invoice.payment_failed' })).data as Stripe.InvoicePaymentFailedEvent[];
  assert.equal(failed!.data.object.id, invoice.id);
  assert.equal(failed!.data.object.attempt_count, 1);
  assert.equal(failed!.data.object.status, 'open');
  assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, 'incomplete');
  assert.equal((await eventTypes(h)).includes('customer.subscription.updated'), false);

  const paid = await h.stripe.paymentIntents.confirm(piId, { confirmation_token: await subscriptionToken(h, CARDS.visa) });
  assert.equal(paid.status, 'succeeded');
  assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, 'active');
  assert.equal((await h.stripe.invoices.retrieve(invoice.id!)).attempt_count, 1);
});

test('a failed 3DS challenge on the first payment also emits invoice.payment_failed; canceling emits customer.subscription.deleted', async () => {
  const h = harness();
  const { sub, piId } = await incompleteSubscription(h);
  const pending = await h.stripe.paymentIntents.confirm(piId, { confirmation_token: await subscriptionToken(h, CARDS.threeDS) });
  await browser(h.emu, 'POST', `/_sandbox/3ds/${piId}`, { client_secret: pending.client_secret!, outcome: 'fail' });
  assert.equal((await h.stripe.events.list({ type: 'invoice.payment_failed' })).data.length, 1);
  assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, 'incomplete');
  await h.stripe.subscriptions.cancel(sub.id);
  const [deleted] = (await h.stripe.events.list({ type: 'customer.subscription.deleted' })).data as Stripe.CustomerSubscriptionDeletedEvent[];
  assert.equal(deleted!.data.object.id, sub.id);
  assert.equal(deleted!.data.object.status, 'canceled');
});
