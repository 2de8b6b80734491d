/**
 * /v1/subscriptions (create with default_incomplete, retrieve, cancel, list) and /v1/invoices/:id.
 * `expand[]=latest_invoice.payment_intent` is refused: on the pinned API version an Invoice has no
 * `payment_intent`; use `latest_invoice.confirmation_secret` (or `latest_invoice.payments`).
 */
import type { Hono } from 'hono';
import type Stripe from 'stripe';
import { invalidParam } from '../errors.ts';
import { applyExpand, checkExpand } from '../expand.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, type Spec, obj, parseParams } from '../params.ts';
import type { Ctx } from '../state.ts';
import { invoiceView, requireInvoice } from '../resources/invoices.ts';
import { RECURRING_INTERVALS } from '../resources/products.ts';
import { cancelSubscription, createSubscription, requireSubscription } from '../resources/subscriptions.ts';
import { page } from './list.ts';

const EXPANDABLE = [
  'customer',
  'default_payment_method',
  'latest_invoice',
  'latest_invoice.confirmation_secret',
  'latest_invoice.payments',
  'pending_setup_intent',
] as const;

const CREATE: Record<string, Spec> = {
  customer: 'string',
  items: {
    array: obj({
      price: 'string',
      price_data: obj(
        { currency: 'string', unit_amount: 'int', product: 'string', recurring: obj({ interval: { enum: RECURRING_INTERVALS }, interval_count: 'int' }, ['interval']) },
        ['currency', 'product', 'recurring'],
      ),
      quantity: 'int',
      metadata: 'map',
    }),
  },
  payment_behavior: { enum: ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] },
  payment_settings: obj({ save_default_payment_method: { enum: ['off', 'on_subscription'] }, payment_method_types: { array: { enum: ['card'] } } }),
  collection_method: { enum: ['charge_automatically'] },
  description: 'string',
  metadata: 'map',
  expand: EXPAND,
};

/** The subscription with `latest_invoice` (and its includable fields) expanded as asked. */
function out(ctx: Ctx, sub: Stripe.Subscription, expand: string[]): Stripe.Subscription {
  const result = { ...applyExpand(ctx.state, sub, expand.filter((e) => !e.startsWith('latest_invoice'))) };
  const wantsInvoice = expand.some((e) => e.startsWith('latest_invoice'));
  if (wantsInvoice && typeof sub.latest_invoice === 'string') {
    const invoice = ctx.state.invoices.get(sub.latest_invoice);
    if (invoice) {
      result.latest_invoice = invoiceView(ctx, invoice, {
        confirmation_secret: expand.includes('latest_invoice.confirmation_secret'),
        payments: expand.includes('latest_invoice.payments'),
      });
    }
  }
  return result;
}

export function subscriptionRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/subscriptions', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CREATE, ['customer', 'items']);
    const expand = checkExpand(p.expand, EXPANDABLE);
    // Only the flow the product uses: the first invoice waits for the customer to confirm its
    // PaymentIntent. Charging a saved default payment method at creation is not modelled.
    if (p.payment_behavior !== 'default_incomplete') {
      throw invalidParam('payment_behavior', 'The sandbox models payment_behavior=default_incomplete only.');
    }
    const { subscription } = createSubscription(ctx, p);
    return out(ctx, subscription, expand);
  });

  defineRoute(app, deps, 'GET', '/v1/subscriptions/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    return out(ctx, requireSubscription(ctx, req.path.id), checkExpand(p.expand, EXPANDABLE));
  });

  defineRoute(app, deps, 'DELETE', '/v1/subscriptions/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, {
      cancellation_details: obj({ comment: 'string', feedback: 'string' }),
      invoice_now: 'bool',
      prorate: 'bool',
      expand: EXPAND,
    });
    const sub = requireSubscription(ctx, req.path.id);
    cancelSubscription(ctx, sub, p);
    return out(ctx, sub, checkExpand(p.expand, EXPANDABLE));
  });

  defineRoute(app, deps, 'GET', '/v1/subscriptions', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { customer: 'string', status: 'string', price: 'string', limit: 'int', starting_after: 'string', expand: EXPAND });
    let items = [...ctx.state.subscriptions.values()].reverse();
    if (p.customer) items = items.filter((s) => s.customer === p.customer);
    // Stripe lists non-canceled subscriptions unless status is given.
    items = p.status === 'all' ? items : items.filter((s) => (p.status ? s.status === p.status : s.status !== 'canceled'));
    if (p.price) items = items.filter((s) => s.items.data.some((i) => i.price.id === p.price));
    return page(items, p.limit, p.starting_after, '/v1/subscriptions');
  });

  defineRoute(app, deps, 'GET', '/v1/invoices/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    const expand = checkExpand(p.expand, ['customer', 'confirmation_secret', 'payments']);
    const invoice = requireInvoice(ctx, req.path.id);
    const view = invoiceView(ctx, invoice, { confirmation_secret: expand.includes('confirmation_secret'), payments: expand.includes('payments') });
    return applyExpand(ctx.state, view, expand.filter((e) => e === 'customer'));
  });
}
