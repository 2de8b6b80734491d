/** Customers (`cus_…`): the fields the checkout uses. */
import type Stripe from 'stripe';
import { resourceMissing } from '../errors.ts';
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
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
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

export function updateCustomer(customer: Stripe.Customer, p: Record<string, any>): Stripe.Customer {
  if (p.email !== undefined) customer.email = p.email || null;
  if (p.name !== undefined) customer.name = p.name || null;
  if (p.phone !== undefined) customer.phone = p.phone || null;
  if (p.description !== undefined) customer.description = p.description || null;
  if (p.metadata !== undefined) customer.metadata = mergeMetadata(customer.metadata, p.metadata);
  if (p.address !== undefined) customer.address = p.address === '' ? null : addressFrom(p.address);
  if (p.invoice_settings?.default_payment_method !== undefined) {
    customer.invoice_settings.default_payment_method = p.invoice_settings.default_payment_method || null;
  }
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
