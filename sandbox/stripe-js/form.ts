// Stripe's form encoding: nested objects as bracketed keys (`a[b][c]=v`), arrays by index
// (`expand[0]=x`), the shape the emulator (and api.stripe.com) parse. null/undefined are left out.

export type FormValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | FormValue[]
  | { [key: string]: FormValue };

export function formPairs(value: FormValue, prefix = ''): Array<[string, string]> {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => formPairs(item, `${prefix}[${i}]`));
  }
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      formPairs(item, prefix ? `${prefix}[${key}]` : key),
    );
  }
  if (!prefix) throw new TypeError('encodeForm needs an object at the top level');
  return [[prefix, String(value)]];
}

/** `encodeForm({a: {b: 1}})` -> `a%5Bb%5D=1` (URLSearchParams escapes the brackets, as the SDK does). */
export function encodeForm(body: { [key: string]: FormValue }): string {
  return new URLSearchParams(formPairs(body)).toString();
}
