/** Customers (`cus_…`): the fields the checkout uses. */
import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import { mergeMetadata } from '../params.ts';
import type { Ctx } from '../state.ts';

export function createCustomer(ctx: Ctx, p: Record<string, any>): Stripe.Customer {
  const customer: Stripe.Customer = {
    id: newId('cus'),
    object: 'customer',
    address: p.address ? addressFrom(p.address) : null,
    balance: 0,
    created: ctx.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description || null,
    email: p.email || null,
    invoice_prefix: null,
    invoice_settings: { custom_fields: null, default_payment_method: p.invoice_settings?.default_payment_method || null, footer: null, rendering_options: null },
    livemode: false,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name || null,
    phone: p.phone || null,
    preferred_locales: [],
    shipping: p.shipping ? { address: addressFrom(p.shipping.address), name: p.shipping.name, phone: p.shipping.phone || null } : null,
    tax_exempt: 'none',
  };
  ctx.state.customers.set(customer.id, customer);
  ctx.emit('customer.created', customer);
  return customer;
}

/**
 * Applies an update and emits customer.updated with the previous values of what changed (none
 * when nothing did). A default payment method must be one of this customer's own; Stripe's
 * wording for refusing another is paraphrased (see NOTES.md).
 */
export function updateCustomer(ctx: Ctx, customer: Stripe.Customer, p: Record<string, any>): Stripe.Customer {
  const defaultPm = p.invoice_settings?.default_payment_method;
  if (defaultPm) {
    const param = 'invoice_settings[default_payment_method]';
    const pm = ctx.state.paymentMethods.get(defaultPm);
    if (!pm) throw resourceMissing('PaymentMethod', defaultPm, param);
    if (pm.customer !== customer.id) {
      throw invalidRequest(`The PaymentMethod ${defaultPm} is not attached to the customer ${customer.id}; attach it before making it the default.`, { param });
    }
  }
  const before = structuredClone(customer);
  if (p.email !== undefined) customer.email = p.email || null;
  if (p.name !== undefined) customer.name = p.name || null;
  if (p.phone !== undefined) customer.phone = p.phone || null;
  if (p.description !== undefined) customer.description = p.description || null;
  if (p.metadata !== undefined) customer.metadata = mergeMetadata(customer.metadata, p.metadata);
  if (p.address !== undefined) customer.address = p.address === '' ? null : addressFrom(p.address);
  if (defaultPm !== undefined) customer.invoice_settings.default_payment_method = defaultPm || null;
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(customer) as Array<keyof Stripe.Customer>) {
    if (JSON.stringify(customer[key]) !== JSON.stringify(before[key])) previous[key] = before[key];
  }
  if (Object.keys(previous).length) ctx.emit('customer.updated', customer, previous);
  return customer;
}

export function addressFrom(a: Record<string, string> | undefined): Stripe.Address {
  return {
    city: a?.city || null,
    country: a?.country || null,
    line1: a?.line1 || null,
    line2: a?.line2 || null,
    postal_code: a?.postal_code || null,
    state: a?.state || null,
  };
}

export function requireCustomer(ctx: Ctx, id: string, param = 'id'): Stripe.Customer {
  const customer = ctx.state.customers.get(id);
  if (!customer) throw resourceMissing('customer', id, param);
  return customer;
}
