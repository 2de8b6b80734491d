/**
 * Per-route parameter specs: unknown keys -> 400 parameter_unknown, missing -> parameter_missing,
 * wrong scalar -> 400 with the offending `param` path (Stripe names nested params `a[b][c]`).
 * Coerces wire strings to numbers/booleans; '' stays '' (Stripe's "unset" for emptyable fields).
 */
import type { FormObject, FormValue } from './form.ts';
import { invalidParam, missingParam, unknownParam } from './errors.ts';

export type Spec =
  | 'string'
  | 'int'
  | 'bool'
  | 'map' // metadata-like: any keys, string values
  | { enum: readonly string[] }
  | { array: Spec; emptyable?: true } // emptyable: '' unsets the field (update/confirm params)
  | { obj: Record<string, Spec>; required?: readonly string[] };

export type Parsed = Record<string, any>;

export function obj(fields: Record<string, Spec>, required: readonly string[] = []): Spec {
  return { obj: fields, required };
}

export const ADDRESS = obj({
  line1: 'string',
  line2: 'string',
  city: 'string',
  state: 'string',
  postal_code: 'string',
  country: 'string',
});
export const SHIPPING = obj({ name: 'string', phone: 'string', address: ADDRESS }, ['name', 'address']);
export const BILLING_DETAILS = obj({ name: 'string', email: 'string', phone: 'string', address: ADDRESS });
export const EXPAND: Spec = { array: 'string' };

/** Validates `input` against a top-level object spec; throws a StripeApiError on the first problem. */
export function parseParams(input: FormObject, fields: Record<string, Spec>, required: readonly string[] = []): Parsed {
  return parseObj(input, { obj: fields, required }, '') as Parsed;
}

function pathOf(parent: string, key: string): string {
  return parent ? `${parent}[${key}]` : key;
}

function parseObj(value: FormValue, spec: { obj: Record<string, Spec>; required?: readonly string[] }, path: string): Parsed {
  if (typeof value !== 'object' || Array.isArray(value)) {
    // An emptyable hash sent as '' means "unset".
    if (value === '' && path) return {};
    throw invalidParam(path, 'Invalid hash');
  }
  const out: Parsed = {};
  for (const [key, v] of Object.entries(value)) {
    // Own keys only: `constructor` or `__proto__` must be unknown parameters, not inherited specs.
    const child = Object.hasOwn(spec.obj, key) ? spec.obj[key] : undefined;
    const childPath = pathOf(path, key);
    if (!child) throw unknownParam(childPath);
    out[key] = parseValue(v, child, childPath);
  }
  for (const key of spec.required ?? []) {
    if (out[key] === undefined || out[key] === '') throw missingParam(pathOf(path, key));
  }
  return out;
}

function parseValue(value: FormValue, spec: Spec, path: string): unknown {
  if (spec === 'string') {
    if (typeof value !== 'string') throw invalidParam(path, `Invalid string: ${JSON.stringify(value)}`);
    return value;
  }
  if (spec === 'int') {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
      throw invalidParam(path, `Invalid integer: ${typeof value === 'string' ? value : '(non-scalar)'}`, 'parameter_invalid_integer');
    }
    return Number(value);
  }
  if (spec === 'bool') {
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw invalidParam(path, `Invalid boolean: ${typeof value === 'string' ? value : '(non-scalar)'}`);
  }
  if (spec === 'map') {
    if (value === '') return '';
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(path, 'Invalid hash');
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw invalidParam(pathOf(path, k), 'Invalid string');
    }
    return value;
  }
  if ('enum' in spec) {
    if (typeof value !== 'string' || !spec.enum.includes(value)) {
      throw invalidParam(path, `Invalid ${path}: must be one of ${spec.enum.join(', ')}`);
    }
    return value;
  }
  if ('array' in spec) {
    if (value === '' && spec.emptyable) return '';
    if (!Array.isArray(value)) throw invalidParam(path, 'Invalid array');
    return value.map((v, i) => parseValue(v, spec.array, `${path}[${i}]`));
  }
  return parseObj(value, spec, path);
}

/** Applies a metadata update as Stripe does: keys merge, '' deletes a key, metadata='' clears all. */
export function mergeMetadata(current: Record<string, string>, update: unknown): Record<string, string> {
  if (update === undefined) return current;
  if (update === '') return {};
  const next = new Map(Object.entries(current));
  for (const [k, v] of Object.entries(update as Record<string, string>)) {
    if (v === '') next.delete(k);
    else next.set(k, v);
  }
  return Object.fromEntries(next);
}
