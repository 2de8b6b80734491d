/**
 * Subscriptions (`sub_…`) with `payment_behavior=default_incomplete`
 * (https://docs.stripe.com/billing/subscriptions/build-subscriptions): created `incomplete` with an
 * open first invoice whose PaymentIntent the customer confirms; when it succeeds the invoice is
 * paid and the subscription turns `active`. No renewals, trials, prorations or dunning.
 */
import type Stripe from 'stripe';
import { invalidParam, invalidRequest, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import { mergeMetadata } from '../params.ts';
import type { Ctx } from '../state.ts';
import { requireCustomer } from './customers.ts';
import { createSubscriptionInvoice, invoiceForPaymentIntent, payInvoice, recordFailedPayment } from './invoices.ts';
import { resolveLineItemPrice } from './products.ts';

/** Adds `count` intervals to a unix time (calendar months/years, as Stripe bills). */
export function addInterval(at: number, interval: string, count: number): number {
  const d = new Date(at * 1000);
  if (interval === 'day') d.setUTCDate(d.getUTCDate() + count);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7 * count);
  else if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + count);
  else d.setUTCFullYear(d.getUTCFullYear() + count);
  return Math.floor(d.getTime() / 1000);
}

function planFor(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring!.interval,
    interval_count: price.recurring!.interval_count,
    livemode: false,
    metadata: { ...price.metadata },
    meter: null,
    nickname: price.nickname,
    product: price.product as string,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

/** Creates the subscription, its first invoice and (for a non-zero total) the invoice's PaymentIntent. */
export function createSubscription(
  ctx: Ctx,
  p: Record<string, any>,
): { subscription: Stripe.Subscription; invoice: Stripe.Invoice; paymentIntent: Stripe.PaymentIntent | null } {
  requireCustomer(ctx, p.customer, 'customer');
  const items: Record<string, any>[] = p.items ?? [];
  if (items.length === 0) throw invalidParam('items', 'Missing required param: items.', 'parameter_missing');
  const resolved = items.map((item, i) => {
    const r = resolveLineItemPrice(ctx, item, `items[${i}]`);
    if (!r.price.recurring) {
      throw invalidParam(`items[${i}][price]`, `The price ${r.price.id} is a one-time price; subscription items need a recurring price.`);
    }
    return r;
  });
  const currency = resolved[0].price.currency;
  if (resolved.some((r) => r.price.currency !== currency)) {
    throw invalidParam('items', 'All prices on a subscription must have the same currency.');
  }
  const { interval, interval_count } = resolved[0].price.recurring!;
  const now = ctx.now();
  const periodEnd = addInterval(now, interval, interval_count);
  const id = newId('sub');
  const subItems: Stripe.SubscriptionItem[] = resolved.map(({ price, quantity }) => ({
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created: now,
    current_period_end: periodEnd,
    current_period_start: now,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planFor(price),
    price,
    quantity,
    subscription: id,
    tax_rates: [],
  }));
  const save = p.payment_settings?.save_default_payment_method ?? 'off';
  const subscription: Stripe.Subscription = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency,
    customer: p.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: p.default_payment_method || null,
    default_source: null,
    default_tax_rates: [],
    description: p.description || null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: { object: 'list', data: subItems, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: save },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: 'incomplete',
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: 'unchanged', missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
  ctx.state.subscriptions.set(id, subscription);
  const { invoice, paymentIntent } = createSubscriptionInvoice(
    ctx,
    subscription,
    resolved.map((r, i) => ({ price: r.price, quantity: r.quantity, subscriptionItem: subItems[i].id })),
    { start: now, end: periodEnd },
    { setupFutureUsage: save === 'on_subscription' },
  );
  subscription.latest_invoice = invoice.id;
  if (invoice.status === 'paid') subscription.status = 'active';
  ctx.emit('customer.subscription.created', subscription);
  return { subscription, invoice, paymentIntent };
}

export function requireSubscription(ctx: Ctx, id: string, param = 'id'): Stripe.Subscription {
  const sub = ctx.state.subscriptions.get(id);
  if (!sub) throw resourceMissing('subscription', id, param);
  return sub;
}

/**
 * What a PaymentIntent event means for the invoice it pays, if any: success pays the invoice
 * (below); a failure is a failed attempt (invoice.payment_failed, the subscription stays
 * incomplete); requires_action asks the customer to authenticate (invoice.payment_action_required).
 */
export function onInvoicePaymentIntentEvent(ctx: Ctx, type: string, pi: Stripe.PaymentIntent): void {
  if (type === 'payment_intent.succeeded') return onPaymentIntentSucceeded(ctx, pi);
  if (type !== 'payment_intent.payment_failed' && type !== 'payment_intent.requires_action') return;
  const invoice = invoiceForPaymentIntent(ctx, pi.id);
  if (!invoice) return;
  if (type === 'payment_intent.payment_failed') recordFailedPayment(ctx, invoice);
  else if (invoice.status === 'open') ctx.emit('invoice.payment_action_required', invoice);
}

/**
 * Hook for every `payment_intent.succeeded`: if the intent pays a subscription's first invoice,
 * the invoice is paid (invoice.paid, invoice.payment_succeeded) and the subscription becomes
 * active (customer.subscription.updated), saving the card as its default when
 * `payment_settings.save_default_payment_method=on_subscription`.
 */
function onPaymentIntentSucceeded(ctx: Ctx, pi: Stripe.PaymentIntent): void {
  const invoice = invoiceForPaymentIntent(ctx, pi.id);
  if (!invoice) return;
  payInvoice(ctx, invoice, pi);
  const subId = invoice.parent?.subscription_details?.subscription;
  const sub = typeof subId === 'string' ? ctx.state.subscriptions.get(subId) : undefined;
  if (!sub || sub.status !== 'incomplete') return;
  const previous: Record<string, unknown> = { status: sub.status };
  sub.status = 'active';
  if (sub.payment_settings?.save_default_payment_method === 'on_subscription' && typeof pi.payment_method === 'string') {
    previous.default_payment_method = sub.default_payment_method;
    sub.default_payment_method = pi.payment_method;
  }
  ctx.emit('customer.subscription.updated', sub, previous);
}

/** DELETE /v1/subscriptions/:id: ends the subscription now (no proration or final invoice). */
export function cancelSubscription(ctx: Ctx, sub: Stripe.Subscription, p: Record<string, any>): void {
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
    // Stripe's exact answer for canceling twice is unverified: 400 without a code here.
    throw invalidRequest(`The subscription ${sub.id} is already canceled.`);
  }
  const now = ctx.now();
  sub.status = 'canceled';
  sub.canceled_at = now;
  sub.ended_at = now;
  sub.cancellation_details = { comment: p.cancellation_details?.comment ?? null, feedback: p.cancellation_details?.feedback ?? null, feedback_option: null, reason: 'cancellation_requested' };
  ctx.emit('customer.subscription.deleted', sub);
}
