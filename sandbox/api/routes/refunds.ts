/** /v1/refunds: create, retrieve, update (metadata), list by payment_intent or charge. */
import type { Hono } from 'hono';
import { applyExpand, checkExpand } from '../expand.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, mergeMetadata, parseParams } from '../params.ts';
import { createRefund, listRefunds, requireRefund } from '../resources/refunds.ts';
import { page } from './list.ts';

const EXPANDABLE = ['charge', 'payment_intent'] as const;

export function refundRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/refunds', 'secret', (req, ctx) => {
    const p = parseParams(req.params, {
      payment_intent: 'string',
      charge: 'string',
      amount: 'int',
      reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'] },
      metadata: 'map',
      expand: EXPAND,
    });
    const expand = checkExpand(p.expand, EXPANDABLE);
    return applyExpand(ctx.state, createRefund(ctx, p), expand);
  });

  defineRoute(app, deps, 'GET', '/v1/refunds/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    return applyExpand(ctx.state, requireRefund(ctx, req.path.id), checkExpand(p.expand, EXPANDABLE));
  });

  defineRoute(app, deps, 'POST', '/v1/refunds/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { metadata: 'map', expand: EXPAND });
    const expand = checkExpand(p.expand, EXPANDABLE);
    const refund = requireRefund(ctx, req.path.id);
    refund.metadata = mergeMetadata(refund.metadata ?? {}, p.metadata);
    return applyExpand(ctx.state, refund, expand);
  });

  defineRoute(app, deps, 'GET', '/v1/refunds', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { payment_intent: 'string', charge: 'string', limit: 'int', starting_after: 'string', expand: EXPAND });
    return page(listRefunds(ctx, p), p.limit, p.starting_after, '/v1/refunds');
  });
}
