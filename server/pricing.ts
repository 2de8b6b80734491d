import type { Quote } from '../protocol/index.ts';
import { invalidRequest } from './errors.ts';

export interface CatalogEntry {
  name: string;
  /** Minor units, as Stripe counts. */
  amount: number;
  currency: string;
}
export type Catalog = Record<string, CatalogEntry>;

export interface PriceRules {
  /** The price the server will charge for a request; throws an ApiError when there is none. */
  quote(request: { item?: unknown }): Quote;
}

const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CURRENCY = /^[a-z]{3}$/;

/** Checks a catalog file's content once at start-up, so a typo fails loudly, not at payment time. */
export function parseCatalog(json: unknown): Catalog {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('catalog: expected an object of items');
  const catalog: Catalog = {};
  for (const [id, entry] of Object.entries(json as Record<string, unknown>)) {
    const e = entry as Partial<CatalogEntry>;
    if (!ITEM_ID.test(id)) throw new Error(`catalog: bad item id ${JSON.stringify(id)}`);
    if (typeof e.name !== 'string' || !e.name) throw new Error(`catalog: ${id}.name must be a string`);
    if (!Number.isSafeInteger(e.amount) || (e.amount as number) < 1) throw new Error(`catalog: ${id}.amount must be a positive integer (minor units)`);
    if (typeof e.currency !== 'string' || !CURRENCY.test(e.currency)) throw new Error(`catalog: ${id}.currency must be a lowercase ISO code`);
    catalog[id] = { name: e.name, amount: e.amount as number, currency: e.currency };
  }
  return catalog;
}

/** Catalog pricing: the only price source so far. Signed and open amounts plug in here later. */
export function catalogPriceRules(catalog: Catalog): PriceRules {
  return {
    quote({ item }) {
      if (typeof item !== 'string' || item === '') throw invalidRequest('parameter_missing', 'Say which item to buy (item).', 'item');
      const entry = Object.hasOwn(catalog, item) ? catalog[item] : undefined;
      if (!entry) throw invalidRequest('unknown_item', `There is no item "${item.slice(0, 64)}" for sale here.`, 'item');
      return { item, name: entry.name, amount: entry.amount, currency: entry.currency, mode: 'payment' };
    },
  };
}
