/** /v1/checkout/sessions: create, retrieve (expand), line_items, expire, list. */
import type { Hono } from 'hono';
import type Stripe from 'stripe';
import { applyExpand, checkExpand } from '../expand.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, type Spec, obj, parseParams } from '../params.ts';
import type { Ctx } from '../state.ts';
import { createCheckoutSession, expireCheckoutSession, refreshExpiry, requireCheckoutSession } from '../resources/checkout-sessions.ts';
import { RECURRING_INTERVALS } from '../resources/products.ts';
import { page } from './list.ts';

const EXPANDABLE = [
  'customer', 'payment_intent', 'setup_intent', 'subscription', 'invoice', 'payment_link', 'line_items',
  'setup_intent.payment_method', 'payment_intent.payment_method', 'payment_intent.latest_charge', 'subscription.default_payment_method',
] as const;

const PRICE_DATA = obj(
  {
    currency: 'string',
    unit_amount: 'int',
    product: 'string',
    product_data: obj({ name: 'string', description: 'string', metadata: 'map' }, ['name']),
    recurring: obj({ interval: { enum: RECURRING_INTERVALS }, interval_count: 'int' }, ['interval']),
  },
  ['currency'],
);

export const LINE_ITEMS: Spec = { array: obj({ price: 'string', price_data: PRICE_DATA, quantity: 'int' }) };

const CREATE: Record<string, Spec> = {
  mode: { enum: ['payment', 'setup', 'subscription'] },
  // 2026-03-25.dahlia values; `elements` and `form` exist but are not modelled.
  ui_mode: { enum: ['hosted_page', 'embedded_page'] },
  line_items: LINE_ITEMS,
  customer: 'string',
  customer_email: 'string',
  customer_creation: { enum: ['always', 'if_required'] },
  client_reference_id: 'string',
  currency: 'string',
  success_url: 'string',
  cancel_url: 'string',
  return_url: 'string',
  redirect_on_completion: { enum: ['always', 'if_required', 'never'] },
  payment_method_types: { array: { enum: ['card'] } },
  metadata: 'map',
  expires_at: 'int',
  payment_intent_data: obj({
    metadata: 'map',
    description: 'string',
    capture_method: { enum: ['automatic', 'automatic_async', 'manual'] },
    setup_future_usage: { enum: ['off_session', 'on_session'] },
  }),
  setup_intent_data: obj({ metadata: 'map', description: 'string' }),
  subscription_data: obj({ metadata: 'map', description: 'string' }),
  expand: EXPAND,
};

/** The session as returned, `line_items` included only when expanded (as Stripe does). */
export function sessionOut(ctx: Ctx, session: Stripe.Checkout.Session, expand: string[]): Stripe.Checkout.Session {
  const out = applyExpand(ctx.state, session, expand.filter((e) => e !== 'line_items'));
  if (expand.includes('line_items')) {
    return { ...out, line_items: { object: 'list', data: ctx.state.lineItems.get(session.id) ?? [], has_more: false, url: `/v1/checkout/sessions/${session.id}/line_items` } };
  }
  return out;
}

export function checkoutSessionRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/checkout/sessions', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CREATE, ['mode']);
    const expand = checkExpand(p.expand, EXPANDABLE);
    return sessionOut(ctx, createCheckoutSession(ctx, p), expand);
  });

  defineRoute(app, deps, 'GET', '/v1/checkout/sessions/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    const expand = checkExpand(p.expand, EXPANDABLE);
    const session = requireCheckoutSession(ctx, req.path.id);
    refreshExpiry(ctx, session);
    return sessionOut(ctx, session, expand);
  });

  defineRoute(app, deps, 'GET', '/v1/checkout/sessions/:id/line_items', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { limit: 'int', starting_after: 'string', expand: EXPAND });
    const session = requireCheckoutSession(ctx, req.path.id);
    return page(ctx.state.lineItems.get(session.id) ?? [], p.limit, p.starting_after, `/v1/checkout/sessions/${session.id}/line_items`);
  });

  defineRoute(app, deps, 'POST', '/v1/checkout/sessions/:id/expire', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    const expand = checkExpand(p.expand, EXPANDABLE);
    const session = requireCheckoutSession(ctx, req.path.id);
    expireCheckoutSession(ctx, session);
    return sessionOut(ctx, session, expand);
  });

  defineRoute(app, deps, 'GET', '/v1/checkout/sessions', 'secret', (req, ctx) => {
    const p = parseParams(req.params, {
      customer: 'string',
      payment_intent: 'string',
      payment_link: 'string',
      subscription: 'string',
      status: { enum: ['open', 'complete', 'expired'] },
      limit: 'int',
      starting_after: 'string',
      expand: EXPAND,
    });
    let items = [...ctx.state.checkoutSessions.values()].reverse();
    for (const s of items) refreshExpiry(ctx, s);
    for (const key of ['customer', 'payment_intent', 'payment_link', 'subscription', 'status'] as const) {
      if (p[key]) items = items.filter((s) => s[key] === p[key]);
    }
    return page(items, p.limit, p.starting_after, '/v1/checkout/sessions');
  });
}
