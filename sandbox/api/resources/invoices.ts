/**
 * Invoices (`in_…`) for a subscription's first period. On the pinned API version (basil and
 * later) an Invoice has no `payment_intent` field: its PaymentIntent is reached through
 * `confirmation_secret` (client secret only) and `payments` (InvoicePayment list), both of which
 * are returned only when expanded. https://docs.stripe.com/changelog/basil/2025-03-31/add-invoice-confirmation-secret
 */
import type Stripe from 'stripe';
import { resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Ctx } from '../state.ts';
import { newPaymentIntent } from './payment-intents.ts';
import { wireDecimal } from './products.ts';

export interface InvoiceLine {
  price: Stripe.Price;
  quantity: number;
  subscriptionItem: string;
}

export function createSubscriptionInvoice(
  ctx: Ctx,
  sub: Stripe.Subscription,
  lines: InvoiceLine[],
  period: { start: number; end: number },
  opts: { setupFutureUsage: boolean },
): { invoice: Stripe.Invoice; paymentIntent: Stripe.PaymentIntent | null } {
  const now = ctx.now();
  const id = newId('in');
  const customer = ctx.state.customers.get(sub.customer as string);
  const total = lines.reduce((n, l) => n + (l.price.unit_amount ?? 0) * l.quantity, 0);
  const lineItems: Stripe.InvoiceLineItem[] = lines.map((l) => ({
    id: newId('il'),
    object: 'line_item',
    amount: (l.price.unit_amount ?? 0) * l.quantity,
    currency: l.price.currency,
    description: `${l.quantity} × ${ctx.state.products.get(l.price.product as string)?.name ?? l.price.product}`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: id,
    livemode: false,
    metadata: {},
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: { invoice_item: null, proration: false, proration_details: null, subscription: sub.id, subscription_item: l.subscriptionItem },
    },
    period,
    pretax_credit_amounts: [],
    pricing: { type: 'price_details', price_details: { price: l.price.id, product: l.price.product as string }, unit_amount_decimal: wireDecimal(l.price.unit_amount ?? 0) },
    quantity: l.quantity,
    quantity_decimal: wireDecimal(l.quantity),
    subscription: sub.id,
    subtotal: (l.price.unit_amount ?? 0) * l.quantity,
    taxes: [],
  }));
  const invoice: Stripe.Invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Sandbox',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: false,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: 'subscription_create',
    collection_method: 'charge_automatically',
    created: now,
    currency: sub.currency,
    custom_fields: null,
    customer: sub.customer as string,
    customer_account: null,
    customer_address: customer?.address ?? null,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    customer_phone: customer?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: now,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lineItems, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `SANDBOX-${String(ctx.state.invoices.size + 1).padStart(4, '0')}`,
    on_behalf_of: null,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id } },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: period.start,
    period_start: period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'open',
    status_transitions: { finalized_at: now, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  ctx.state.invoices.set(id, invoice);
  ctx.emit('invoice.created', invoice);
  ctx.emit('invoice.finalized', invoice);
  if (total === 0) {
    markPaid(ctx, invoice, now);
    ctx.state.invoiceExtras.set(id, { confirmation_secret: null, payments: [] });
    return { invoice, paymentIntent: null };
  }
  const pi = newPaymentIntent(ctx, {
    amount: total,
    currency: sub.currency,
    customer: sub.customer,
    description: 'Subscription creation',
    // No payment_settings.payment_method_types: the account's types, here cards and Link.
    payment_method_types: ['card', 'link'],
    setup_future_usage: opts.setupFutureUsage ? 'off_session' : undefined,
  });
  ctx.state.paymentIntents.set(pi.id, pi);
  ctx.emit('payment_intent.created', pi);
  const payment: Stripe.InvoicePayment = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: total,
    created: now,
    currency: sub.currency,
    invoice: id,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: pi.id },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
  // Includable fields, kept beside the invoice and added only when expanded.
  ctx.state.invoiceExtras.set(id, { confirmation_secret: { client_secret: pi.client_secret!, type: 'payment_intent' }, payments: [payment] });
  return { invoice, paymentIntent: pi };
}

function markPaid(ctx: Ctx, invoice: Stripe.Invoice, at: number): void {
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.attempted = true;
  invoice.attempt_count = invoice.amount_due > 0 ? 1 : 0;
  invoice.status_transitions.paid_at = at;
  ctx.emit('invoice.paid', invoice);
  ctx.emit('invoice.payment_succeeded', invoice);
}

/** The open invoice whose default payment is this PaymentIntent, if any. */
export function invoiceForPaymentIntent(ctx: Ctx, piId: string): Stripe.Invoice | undefined {
  for (const invoice of ctx.state.invoices.values()) {
    if (ctx.state.invoiceExtras.get(invoice.id)?.payments.some((p) => p.payment.payment_intent === piId)) return invoice;
  }
  return undefined;
}

/** Called when an invoice's PaymentIntent succeeds: the invoice and its payment become paid. */
export function payInvoice(ctx: Ctx, invoice: Stripe.Invoice, pi: Stripe.PaymentIntent): void {
  if (invoice.status !== 'open') return;
  const x = ctx.state.invoiceExtras.get(invoice.id)!;
  for (const p of x.payments) {
    if (p.payment.payment_intent === pi.id) {
      p.status = 'paid';
      p.amount_paid = pi.amount_received;
      p.status_transitions.paid_at = ctx.now();
    }
  }
  markPaid(ctx, invoice, ctx.now());
}

/**
 * Called when an open invoice's PaymentIntent fails (decline, failed 3DS): the attempt is counted
 * and invoice.payment_failed emitted. The invoice stays open for another try with the same
 * PaymentIntent; default_incomplete invoices are not retried automatically.
 */
export function recordFailedPayment(ctx: Ctx, invoice: Stripe.Invoice): void {
  if (invoice.status !== 'open') return;
  invoice.attempted = true;
  invoice.attempt_count += 1;
  ctx.emit('invoice.payment_failed', invoice);
}

export function requireInvoice(ctx: Ctx, id: string, param = 'id'): Stripe.Invoice {
  const invoice = ctx.state.invoices.get(id);
  if (!invoice) throw resourceMissing('invoice', id, param);
  return invoice;
}

/** The invoice as returned, with includable fields when asked (`confirmation_secret`, `payments`). */
export function invoiceView(ctx: Ctx, invoice: Stripe.Invoice, include: { confirmation_secret?: boolean; payments?: boolean }): Stripe.Invoice {
  const x = ctx.state.invoiceExtras.get(invoice.id);
  const out: Stripe.Invoice = { ...invoice };
  if (include.confirmation_secret) out.confirmation_secret = x?.confirmation_secret ?? null;
  if (include.payments) {
    out.payments = { object: 'list', data: structuredClone(x?.payments ?? []), has_more: false, url: `/v1/invoices/${invoice.id}/payments` };
  }
  return out;
}
