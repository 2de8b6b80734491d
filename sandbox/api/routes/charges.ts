/** /v1/charges: retrieve and list (by payment_intent or customer). Charges are made by confirms, never directly. */
import type { Hono } from 'hono';
import { resourceMissing } from '../errors.ts';
import { applyExpand, checkExpand } from '../expand.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, parseParams } from '../params.ts';
import { page } from './list.ts';

const EXPANDABLE = ['customer', 'payment_intent'] as const;

export function chargeRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'GET', '/v1/charges/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    const expand = checkExpand(p.expand, EXPANDABLE);
    const charge = ctx.state.charges.get(req.path.id);
    if (!charge) throw resourceMissing('charge', req.path.id);
    return applyExpand(ctx.state, charge, expand);
  });

  defineRoute(app, deps, 'GET', '/v1/charges', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { payment_intent: 'string', customer: 'string', limit: 'int', starting_after: 'string', expand: EXPAND });
    const items = [...ctx.state.charges.values()]
      .reverse()
      .filter((c) => (!p.payment_intent || c.payment_intent === p.payment_intent) && (!p.customer || c.customer === p.customer));
    return page(items, p.limit, p.starting_after, '/v1/charges');
  });
}
