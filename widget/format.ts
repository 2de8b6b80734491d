/**
 * Money display. Stripe counts amounts in the currency's minor unit, and its idea of the minor
 * unit differs from ISO 4217 for a few currencies, so we follow Stripe's lists rather than Intl's.
 * https://docs.stripe.com/currencies#zero-decimal
 */
const ZERO_DECIMAL = new Set([
  'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** How many minor units make one major unit, in Stripe's counting. */
export function minorUnitsPerMajor(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 1;
  if (THREE_DECIMAL.has(code)) return 1000;
  return 100;
}

/** `formatAmount(2500, 'usd')` → "$25.00"; `formatAmount(500, 'jpy')` → "¥500". */
export function formatAmount(amount: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / minorUnitsPerMajor(currency),
  );
}
