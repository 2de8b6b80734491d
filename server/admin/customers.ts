import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { AdminCustomer } from '../../protocol/admin.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, fromStripeError, invalidRequest } from '../errors.ts';
import { savedMethod } from './views.ts';

const notFound = (id: string) => new ApiError(404, 'invalid_request_error', 'customer_not_found', `There is no customer ${id.slice(0, 60)}.`);

export async function customerOr404(stripe: Stripe, id: unknown): Promise<Stripe.Customer> {
  if (typeof id !== 'string' || !/^cus_\w{1,100}$/.test(id)) throw invalidRequest('parameter_invalid', 'customer must be a Customer id (cus_…).', 'customer');
  try {
    const customer = await stripe.customers.retrieve(id);
    if (customer.deleted) throw notFound(id);
    return customer;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if ((err as { statusCode?: number }).statusCode === 404) throw notFound(id);
    throw fromStripeError(err);
  }
}

/** A customer and their saved methods, cards and Link alike (newest first, as Stripe lists them). */
export async function adminCustomer(stripe: Stripe, customer: Stripe.Customer): Promise<AdminCustomer> {
  const methods = await stripe.customers.listPaymentMethods(customer.id, { limit: 100 });
  const fallback = customer.invoice_settings?.default_payment_method;
  const defaultId = (typeof fallback === 'string' ? fallback : fallback?.id) ?? null;
  return {
    id: customer.id,
    email: customer.email ?? null,
    name: customer.name ?? null,
    defaultPaymentMethod: defaultId,
    paymentMethods: methods.data.map((method) => savedMethod(method, defaultId)),
  };
}

export function adminCustomerRoutes({ stripe }: AppDeps) {
  return new Hono()
    .get('/customers', async (c) => {
      const email = c.req.query('email');
      if (!email) throw invalidRequest('parameter_missing', 'Search customers by email (email=).', 'email');
      const found = await stripe.customers.list({ email, limit: 20 });
      return c.json({ data: await Promise.all(found.data.map((customer) => adminCustomer(stripe, customer))) });
    })
    .get('/customers/:id', async (c) => c.json(await adminCustomer(stripe, await customerOr404(stripe, c.req.param('id')))))
    .delete('/customers/:id/payment_methods/:pm', async (c) => {
      const customer = await customerOr404(stripe, c.req.param('id'));
      const id = c.req.param('pm');
      const method = /^pm_\w{1,100}$/.test(id) ? await stripe.paymentMethods.retrieve(id).catch(() => null) : null;
      if (!method || method.customer !== customer.id) throw new ApiError(404, 'invalid_request_error', 'payment_method_not_found', `${id.slice(0, 60)} is not saved on ${customer.id}.`);
      await stripe.paymentMethods.detach(id);
      return c.json(await adminCustomer(stripe, await customerOr404(stripe, customer.id)));
    });
}
