/**
 * `expand[]` (https://docs.stripe.com/expand): swaps id fields for the objects they name. Checked
 * before a request executes, so an unsupported path fails without side effects.
 */
import { invalidRequest } from './errors.ts';
import type { State } from './state.ts';

type Lookup = (state: State, id: string) => unknown;

const LOOKUPS: Record<string, Lookup> = {
  customer: (s, id) => s.customers.get(id),
  payment_method: (s, id) => s.paymentMethods.get(id),
  latest_charge: (s, id) => s.charges.get(id),
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
  if (paths.length === 0) return object;
  const out = { ...object } as Record<string, unknown>;
  for (const path of paths) {
    const id = out[path];
    const found = typeof id === 'string' ? LOOKUPS[path]?.(state, id) : undefined;
    if (found) out[path] = found;
  }
  return out as T;
}
