/**
 * `expand[]` (https://docs.stripe.com/expand): swaps id fields for the objects they name, also
 * along dotted paths (`setup_intent.payment_method`, `invoice_settings.default_payment_method`):
 * each segment either names an id to replace or a hash to walk into. Checked before a request
 * executes, so an unsupported path fails without side effects. Expanded objects are copies.
 */
import { invalidRequest } from './errors.ts';
import type { State } from './state.ts';

type Lookup = (state: State, id: string) => unknown;

const LOOKUPS: Record<string, Lookup> = {
  customer: (s, id) => s.customers.get(id),
  payment_method: (s, id) => s.paymentMethods.get(id),
  latest_charge: (s, id) => s.charges.get(id),
  charge: (s, id) => s.charges.get(id),
  payment_intent: (s, id) => s.paymentIntents.get(id),
  setup_intent: (s, id) => s.setupIntents.get(id),
  product: (s, id) => s.products.get(id),
  price: (s, id) => s.prices.get(id),
  subscription: (s, id) => s.subscriptions.get(id),
  invoice: (s, id) => s.invoices.get(id),
  latest_invoice: (s, id) => s.invoices.get(id),
  default_payment_method: (s, id) => s.paymentMethods.get(id),
  payment_link: (s, id) => s.paymentLinks.get(id),
};

export function checkExpand(expand: unknown, allowed: readonly string[]): string[] {
  const paths = (expand as string[] | undefined) ?? [];
  for (const path of paths) {
    if (!allowed.includes(path)) {
      throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand', beforeExecution: true });
    }
  }
  return paths;
}

export function applyExpand<T extends object>(state: State, object: T, paths: string[]): T {
  let out = object;
  for (const path of paths) out = expandPath(state, out, path.split('.')) as T;
  return out;
}

function expandPath(state: State, object: object, [field, ...rest]: string[]): object {
  const out = { ...object } as Record<string, unknown>;
  let value = out[field];
  if (typeof value === 'string') value = LOOKUPS[field]?.(state, value) ?? value;
  if (value && typeof value === 'object') out[field] = rest.length ? expandPath(state, value, rest) : value;
  return out;
}
