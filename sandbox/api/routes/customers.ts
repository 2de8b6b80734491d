/** /v1/customers and /v1/payment_methods. */
import type { Hono } from 'hono';
import { invalidParam, missingParam } from '../errors.ts';
import { applyExpand, checkExpand } from '../expand.ts';
import { page } from './list.ts';
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

const CUSTOMER_EXPANDABLE = ['invoice_settings.default_payment_method'] as const;

export function customerRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/customers', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CUSTOMER);
    const pm = p.payment_method ? requirePaymentMethod(ctx, p.payment_method, 'payment_method') : undefined;
    // A new customer's default can only be the payment_method attached with it.
    const defaultPm = p.invoice_settings?.default_payment_method;
    if (defaultPm && defaultPm !== pm?.id) {
      requirePaymentMethod(ctx, defaultPm, 'invoice_settings[default_payment_method]');
      throw invalidParam('invoice_settings[default_payment_method]', `The PaymentMethod ${defaultPm} is not attached to this customer; pass it as payment_method too.`);
    }
    const customer = createCustomer(ctx, p);
    if (pm) attachPaymentMethod(ctx, pm, customer.id);
    return customer;
  });

  defineRoute(app, deps, 'GET', '/v1/customers/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    return applyExpand(ctx.state, requireCustomer(ctx, req.path.id), checkExpand(p.expand, CUSTOMER_EXPANDABLE));
  });

  defineRoute(app, deps, 'POST', '/v1/customers/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CUSTOMER);
    const expand = checkExpand(p.expand, CUSTOMER_EXPANDABLE);
    return applyExpand(ctx.state, updateCustomer(ctx, requireCustomer(ctx, req.path.id), p), expand);
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
