/** /v1/payment_method_domains: create, retrieve, update (enabled), list (domain_name, enabled), validate. */
import type { Hono } from 'hono';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, parseParams } from '../params.ts';
import { createPaymentMethodDomain, requirePaymentMethodDomain } from '../resources/payment-method-domains.ts';
import { page } from './list.ts';

export function paymentMethodDomainRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/payment_method_domains', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { domain_name: 'string', enabled: 'bool', expand: EXPAND }, ['domain_name']);
    return createPaymentMethodDomain(ctx, p as { domain_name: string; enabled?: boolean });
  });

  defineRoute(app, deps, 'GET', '/v1/payment_method_domains/:id', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return requirePaymentMethodDomain(ctx, req.path.id);
  });

  defineRoute(app, deps, 'POST', '/v1/payment_method_domains/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { enabled: 'bool', expand: EXPAND });
    const domain = requirePaymentMethodDomain(ctx, req.path.id);
    if (p.enabled !== undefined) domain.enabled = p.enabled;
    return domain;
  });

  // Re-checks the registration requirements. Offline nothing can change (see the resource).
  defineRoute(app, deps, 'POST', '/v1/payment_method_domains/:id/validate', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return requirePaymentMethodDomain(ctx, req.path.id);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_method_domains', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { domain_name: 'string', enabled: 'bool', limit: 'int', starting_after: 'string', expand: EXPAND });
    const name = p.domain_name?.trim().toLowerCase();
    const items = [...ctx.state.paymentMethodDomains.values()]
      .reverse()
      .filter((d) => (!name || d.domain_name === name) && (p.enabled === undefined || d.enabled === p.enabled));
    return page(items, p.limit, p.starting_after, '/v1/payment_method_domains');
  });
}
