import type Stripe from 'stripe';
import type { RecurringInterval } from '../protocol/index.ts';

export interface PriceSpec {
  item?: string;
  name: string;
  amount: number;
  currency: string;
  interval?: RecurringInterval;
}

/** One Price per distinct (item or name, amount, currency, interval): a catalog change makes a new one. */
export function priceLookupKey(spec: PriceSpec): string {
  const what = spec.item ? `item:${spec.item}` : `label:${spec.name}`;
  return `link-checkout:${what}:${spec.amount}:${spec.currency}:${spec.interval ?? 'once'}`.slice(0, 200);
}

/** The Price (and its Product) for `spec`, created once and found again by its lookup_key. */
export async function priceFor(stripe: Stripe, spec: PriceSpec): Promise<string> {
  const lookupKey = priceLookupKey(spec);
  const found = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  if (found.data[0]) return found.data[0].id;
  const price = await stripe.prices.create(
    {
      currency: spec.currency,
      unit_amount: spec.amount,
      ...(spec.interval ? { recurring: { interval: spec.interval } } : {}),
      product_data: { name: spec.name, ...(spec.item ? { metadata: { item: spec.item } } : {}) },
      lookup_key: lookupKey,
      ...(spec.item ? { metadata: { item: spec.item } } : {}),
    },
    // Two first buyers at once make one Price, not a lookup_key clash.
    { idempotencyKey: `link-checkout:price:${lookupKey}` },
  );
  return price.id;
}
