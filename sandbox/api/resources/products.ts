/**
 * Products (`prod_…`) and Prices (`price_…`), https://docs.stripe.com/products-prices/how-products-and-prices-work:
 * flat per-unit prices only, one-time or recurring. Inline `product_data`/`price_data` create
 * objects too, as Stripe does for ad-hoc prices.
 */
import type Stripe from 'stripe';
import { invalidParam, invalidRequest, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import { mergeMetadata } from '../params.ts';
import type { Ctx } from '../state.ts';

export function createProduct(ctx: Ctx, p: Record<string, any>, emit = true): Stripe.Product {
  const now = ctx.now();
  const product: Stripe.Product = {
    id: p.id || newId('prod'),
    object: 'product',
    active: p.active ?? true,
    created: now,
    default_price: null,
    description: p.description || null,
    images: p.images ?? [],
    livemode: false,
    marketing_features: [],
    metadata: mergeMetadata({}, p.metadata),
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: now,
    url: null,
  };
  if (ctx.state.products.has(product.id)) {
    throw invalidRequest(`Product already exists: ${product.id}`, { code: 'resource_already_exists', param: 'id' });
  }
  ctx.state.products.set(product.id, product);
  if (emit) ctx.emit('product.created', product);
  if (p.default_price_data) {
    const price = createPrice(ctx, { ...p.default_price_data, product: product.id }, 'default_price_data');
    product.default_price = price.id;
  }
  return product;
}

export function requireProduct(ctx: Ctx, id: string, param = 'id'): Stripe.Product {
  const product = ctx.state.products.get(id);
  if (!product) throw resourceMissing('product', id, param);
  return product;
}

/** `p` uses Price create params; `param` prefixes error params for inline `price_data`. */
export function createPrice(ctx: Ctx, p: Record<string, any>, param = ''): Stripe.Price {
  const at = (name: string) => (param ? `${param}[${name}]` : name);
  if (!/^[a-zA-Z]{3}$/.test(p.currency ?? '')) throw invalidParam(at('currency'), `Invalid currency: ${p.currency}`);
  if (p.unit_amount === undefined) throw invalidParam(at('unit_amount'), 'Missing required param: unit_amount (the sandbox models per-unit prices only).', 'parameter_missing');
  if (p.unit_amount < 0) throw invalidParam(at('unit_amount'), 'Invalid unit_amount: must be at least 0.');
  let productId: string;
  if (p.product) productId = requireProduct(ctx, p.product, at('product')).id;
  else if (p.product_data) productId = createProduct(ctx, p.product_data).id;
  else throw invalidParam(at('product'), `Missing required param: ${at('product')}.`, 'parameter_missing');
  const recurring: Stripe.Price.Recurring | null = p.recurring
    ? {
        interval: p.recurring.interval,
        interval_count: p.recurring.interval_count ?? 1,
        meter: null,
        trial_period_days: null,
        usage_type: 'licensed',
      }
    : null;
  const holder = p.lookup_key ? [...ctx.state.prices.values()].find((x) => x.lookup_key === p.lookup_key) : undefined;
  if (holder && !p.transfer_lookup_key) {
    // Lookup keys are unique per account; transfer_lookup_key moves one to the new price.
    throw invalidParam(at('lookup_key'), `A price (${holder.id}) already uses the lookup key "${p.lookup_key}". Pass transfer_lookup_key=true to move it to this price.`);
  }
  const price: Stripe.Price = {
    id: newId('price'),
    object: 'price',
    active: p.active ?? true,
    billing_scheme: 'per_unit',
    created: ctx.now(),
    currency: p.currency.toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookup_key || null,
    metadata: mergeMetadata({}, p.metadata),
    nickname: p.nickname || null,
    product: productId,
    recurring,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: p.unit_amount,
    unit_amount_decimal: wireDecimal(p.unit_amount),
  };
  if (holder) {
    holder.lookup_key = null;
    ctx.emit('price.updated', holder, { lookup_key: price.lookup_key });
  }
  ctx.state.prices.set(price.id, price);
  ctx.emit('price.created', price);
  return price;
}

export function requirePrice(ctx: Ctx, id: string, param = 'id'): Stripe.Price {
  const price = ctx.state.prices.get(id);
  if (!price) throw resourceMissing('price', id, param);
  return price;
}

/** Specs shared by Price create, Checkout `line_items[][price_data]` and Subscription items. */
export const RECURRING_INTERVALS = ['day', 'week', 'month', 'year'] as const;

/**
 * Resolves one `line_items[i]` entry (`price` or `price_data`, plus `quantity`) into a Price and
 * quantity. `param` is the item's param path, e.g. `line_items[0]`.
 */
export function resolveLineItemPrice(ctx: Ctx, item: Record<string, any>, param: string): { price: Stripe.Price; quantity: number } {
  if (item.price && item.price_data) {
    throw invalidRequest('You may only specify one of these parameters: price, price_data.', { code: 'parameters_exclusive', param: `${param}[price]` });
  }
  let price: Stripe.Price;
  if (item.price) price = requirePrice(ctx, item.price, `${param}[price]`);
  else if (item.price_data) price = createPrice(ctx, item.price_data, `${param}[price_data]`);
  else throw invalidParam(`${param}[price]`, `Missing required param: ${param}[price].`, 'parameter_missing');
  if (!price.active) throw invalidParam(`${param}[price]`, `The price ${price.id} is not active.`);
  const quantity = item.quantity ?? 1;
  if (quantity < 1) throw invalidParam(`${param}[quantity]`, 'Quantity must be at least 1.');
  return { price, quantity };
}

/** Stripe's Checkout/Payment Link `item` objects (`li_…`). */
export function lineItemFor(ctx: Ctx, price: Stripe.Price, quantity: number): Stripe.LineItem {
  const product = ctx.state.products.get(price.product as string);
  const amount = (price.unit_amount ?? 0) * quantity;
  return {
    id: newId('li'),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description: product?.name ?? null,
    metadata: {},
    price,
    quantity,
  };
}

/**
 * Decimal fields travel as strings on the wire ("1200"); the SDK turns them into its Decimal
 * class when parsing, so the emulator's typed objects hold the wire string behind a cast.
 */
export function wireDecimal(n: number): Stripe.Price['unit_amount_decimal'] & {} {
  return String(n) as unknown as Stripe.Price['unit_amount_decimal'] & {};
}
