/** /v1/payment_links: create, retrieve, update (active, metadata, after_completion), list, line_items. */
import type { Hono } from 'hono';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, type Spec, obj, parseParams } from '../params.ts';
import { createPaymentLink, requirePaymentLink, updatePaymentLink } from '../resources/payment-links.ts';
import { page } from './list.ts';

const AFTER_COMPLETION = obj(
  {
    type: { enum: ['redirect', 'hosted_confirmation'] },
    redirect: obj({ url: 'string' }, ['url']),
    hosted_confirmation: obj({ custom_message: 'string' }),
  },
  ['type'],
);

const PAYMENT_INTENT_DATA = obj({
  metadata: 'map',
  description: 'string',
  capture_method: { enum: ['automatic', 'automatic_async', 'manual'] },
  setup_future_usage: { enum: ['off_session', 'on_session'] },
});
const SUBSCRIPTION_DATA = obj({ metadata: 'map', description: 'string' });

const CREATE: Record<string, Spec> = {
  line_items: { array: obj({ price: 'string', quantity: 'int' }) },
  after_completion: AFTER_COMPLETION,
  metadata: 'map',
  active: 'bool',
  inactive_message: 'string',
  payment_method_types: { array: { enum: ['card'] } },
  payment_intent_data: PAYMENT_INTENT_DATA,
  subscription_data: SUBSCRIPTION_DATA,
  expand: EXPAND,
};

const UPDATE: Record<string, Spec> = {
  active: 'bool',
  after_completion: AFTER_COMPLETION,
  metadata: 'map',
  inactive_message: 'string',
  payment_intent_data: PAYMENT_INTENT_DATA,
  subscription_data: SUBSCRIPTION_DATA,
  expand: EXPAND,
};

export function paymentLinkRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/payment_links', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CREATE, ['line_items']);
    return createPaymentLink(ctx, p);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_links/:id', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return requirePaymentLink(ctx, req.path.id);
  });

  defineRoute(app, deps, 'POST', '/v1/payment_links/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, UPDATE);
    return updatePaymentLink(ctx, requirePaymentLink(ctx, req.path.id), p);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_links/:id/line_items', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { limit: 'int', starting_after: 'string', expand: EXPAND });
    const link = requirePaymentLink(ctx, req.path.id);
    return page(ctx.state.lineItems.get(link.id) ?? [], p.limit, p.starting_after, `/v1/payment_links/${link.id}/line_items`);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_links', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { active: 'bool', limit: 'int', starting_after: 'string', expand: EXPAND });
    let items = [...ctx.state.paymentLinks.values()].reverse();
    if (p.active !== undefined) items = items.filter((l) => l.active === p.active);
    return page(items, p.limit, p.starting_after, '/v1/payment_links');
  });
}
