/** Plain-text rendering for people; --json output never goes through here. */

/** Minor units as money: `money(2500, 'usd')` is `$25.00`, `money(500, 'jpy')` is `¥500`. */
export function money(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** `2026-11-23T09:15:42.123Z` as `2026-11-23 09:15` (UTC, as the API gives it). */
export const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** Columns padded to their widest cell, a header row first. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  return [headers, ...rows].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** `name  value` lines, aligned; empty values are left out. */
export function fields(entries: Array<[string, string | null | undefined | false]>): string {
  const shown = entries.filter((entry): entry is [string, string] => Boolean(entry[1]));
  const width = Math.max(0, ...shown.map(([name]) => name.length));
  return shown.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

/** Any JSON object as `fields` (what `sign` prints), nested values as JSON. */
export const objectFields = (object: Record<string, unknown>) =>
  fields(Object.entries(object).map(([name, value]) => [name, typeof value === 'object' ? JSON.stringify(value) : String(value)]));
