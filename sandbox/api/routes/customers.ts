/** /v1/customers and /v1/payment_methods. */
import type { Hono } from 'hono';
import { invalidParam, missingParam } from '../errors.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { ADDRESS, EXPAND, SHIPPING, type Spec, obj, parseParams } from '../params.ts';
import { createCustomer, requireCustomer, updateCustomer } from '../resources/customers.ts';
import { attachPaymentMethod, detachPaymentMethod, requirePaymentMethod, resolvePaymentMethod } from '../resources/payment-methods.ts';

const CUSTOMER: Record<string, Spec> = {
  email: 'string',
  name: 'string',
  phone: 'string',
  description: 'string',
  metadata: 'map',
  address: ADDRESS,
  shipping: SHIPPING,
  payment_method: 'string',
  invoice_settings: obj({ default_payment_method: 'string' }),
  expand: EXPAND,
};

function page<T extends { id: string }>(items: T[], limit: number | undefined, startingAfter: string | undefined, url: string) {
  const n = Math.min(Math.max(limit ?? 10, 1), 100);
  if (startingAfter) items = items.slice(items.findIndex((i) => i.id === startingAfter) + 1);
  return { object: 'list' as const, data: items.slice(0, n), has_more: items.length > n, url };
}

export function customerRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/customers', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CUSTOMER);
    const pm = p.payment_method ? requirePaymentMethod(ctx, p.payment_method, 'payment_method') : undefined;
    const customer = createCustomer(ctx, p);
    if (pm) attachPaymentMethod(ctx, pm, customer.id);
    if (p.invoice_settings?.default_payment_method) updateCustomer(customer, { invoice_settings: p.invoice_settings });
    return customer;
  });

  defineRoute(app, deps, 'GET', '/v1/customers/:id', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return requireCustomer(ctx, req.path.id);
  });

  defineRoute(app, deps, 'POST', '/v1/customers/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CUSTOMER);
    return updateCustomer(requireCustomer(ctx, req.path.id), p);
  });

  defineRoute(app, deps, 'GET', '/v1/customers', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { email: 'string', limit: 'int', starting_after: 'string', expand: EXPAND });
    let items = [...ctx.state.customers.values()].reverse();
    if (p.email) items = items.filter((c) => c.email === p.email);
    return page(items, p.limit, p.starting_after, '/v1/customers');
  });

  defineRoute(app, deps, 'GET', '/v1/customers/:id/payment_methods', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { type: 'string', limit: 'int', starting_after: 'string', expand: EXPAND });
    requireCustomer(ctx, req.path.id);
    let items = [...ctx.state.paymentMethods.values()].filter((pm) => pm.customer === req.path.id).reverse();
    if (p.type) items = items.filter((pm) => pm.type === p.type);
    return page(items, p.limit, p.starting_after, `/v1/customers/${req.path.id}/payment_methods`);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_methods/:id', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return requirePaymentMethod(ctx, req.path.id);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_methods', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { customer: 'string', type: 'string', limit: 'int', starting_after: 'string', expand: EXPAND });
    if (!p.customer) throw missingParam('customer');
    requireCustomer(ctx, p.customer, 'customer');
    let items = [...ctx.state.paymentMethods.values()].filter((pm) => pm.customer === p.customer).reverse();
    if (p.type) items = items.filter((pm) => pm.type === p.type);
    return page(items, p.limit, p.starting_after, '/v1/payment_methods');
  });

  defineRoute(app, deps, 'POST', '/v1/payment_methods/:id/attach', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { customer: 'string', expand: EXPAND }, ['customer']);
    if (!p.customer.startsWith('cus_')) throw invalidParam('customer', `Invalid customer: ${p.customer}`);
    requireCustomer(ctx, p.customer, 'customer');
    // A test token (`pm_card_visa`) attaches a fresh PaymentMethod, as in docs.stripe.com/testing.
    return attachPaymentMethod(ctx, resolvePaymentMethod(ctx, req.path.id, 'payment_method'), p.customer);
  });

  defineRoute(app, deps, 'POST', '/v1/payment_methods/:id/detach', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return detachPaymentMethod(ctx, requirePaymentMethod(ctx, req.path.id));
  });
}
