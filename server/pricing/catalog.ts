import type { RecurringInterval } from '../../protocol/index.ts';

export interface CatalogEntry {
  name: string;
  /** Minor units, as Stripe counts. */
  amount: number;
  currency: string;
  /** Set for a recurring price: the item is sold as a subscription. */
  interval?: RecurringInterval;
}
export type Catalog = Record<string, CatalogEntry>;

export const INTERVALS: readonly RecurringInterval[] = ['day', 'week', 'month', 'year'];
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const CURRENCY = /^[a-z]{3}$/;

/** Checks a catalog file's content once at start-up, so a typo fails loudly, not at payment time. */
export function parseCatalog(json: unknown): Catalog {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('catalog: expected an object of items');
  const catalog: Catalog = Object.create(null);
  for (const [id, entry] of Object.entries(json as Record<string, unknown>)) {
    const e = (entry ?? {}) as Partial<CatalogEntry>;
    if (!ITEM_ID.test(id)) throw new Error(`catalog: bad item id ${JSON.stringify(id)}`);
    if (typeof e.name !== 'string' || !e.name) throw new Error(`catalog: ${id}.name must be a string`);
    if (!Number.isSafeInteger(e.amount) || (e.amount as number) < 1) throw new Error(`catalog: ${id}.amount must be a positive integer (minor units)`);
    if (typeof e.currency !== 'string' || !CURRENCY.test(e.currency)) throw new Error(`catalog: ${id}.currency must be a lowercase ISO code`);
    if (e.interval !== undefined && !INTERVALS.includes(e.interval)) throw new Error(`catalog: ${id}.interval must be one of ${INTERVALS.join(', ')}`);
    catalog[id] = { name: e.name, amount: e.amount as number, currency: e.currency, ...(e.interval ? { interval: e.interval } : {}) };
  }
  return catalog;
}
