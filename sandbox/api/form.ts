/**
 * Decodes Stripe's form encoding (what the official SDKs send) into nested JSON:
 * `metadata[a]=b`, `expand[0]=x`, `expand[]=x`, `items[0][price]=p`. Scalars stay strings, as on the
 * wire; routes coerce them against their parameter spec (see params.ts).
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export function decodeForm(input: string | URLSearchParams): FormObject {
  const params = typeof input === 'string' ? new URLSearchParams(input) : input;
  const root = newNode();
  for (const [rawKey, value] of params) {
    const path = splitKey(rawKey);
    if (!path) continue;
    assign(root, path, value);
  }
  return arraysFromIndexes(root) as FormObject;
}

/** `a[b][0]` -> ['a','b','0']; `a[]` -> ['a','']. Returns null for malformed keys. */
function splitKey(key: string): string[] | null {
  const open = key.indexOf('[');
  if (open === -1) return [key];
  const head = key.slice(0, open);
  const rest = key.slice(open);
  const parts = [head];
  const re = /\[([^\][]*)\]/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(rest))) {
    parts.push(m[1]);
    consumed = re.lastIndex;
  }
  return consumed === rest.length && head ? parts : null;
}

type Node = { [key: string]: Node | string };

/**
 * Keys come from anyone holding the publishable key, so `__proto__` or `constructor` must stay
 * plain data: nodes have no prototype to reach, and the output defines own properties only.
 */
const newNode = (): Node => Object.create(null) as Node;

function assign(root: Node, path: string[], value: string): void {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    let seg = path[i];
    // `[]` appends: the next free index of this container.
    if (seg === '') seg = String(Object.keys(node).length);
    if (i === path.length - 1) {
      node[seg] = value;
      return;
    }
    const next = node[seg];
    if (typeof next !== 'object') node[seg] = newNode();
    node = node[seg] as Node;
  }
}

/** Containers whose keys are all indexes become arrays (ordered by index). */
function arraysFromIndexes(value: Node | string): FormValue {
  if (typeof value === 'string') return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arraysFromIndexes(value[k]));
  }
  return Object.fromEntries(keys.map((k) => [k, arraysFromIndexes(value[k])])) as FormObject;
}

/** Canonical form of a request's parameters, for idempotency comparisons (order-insensitive). */
export function canonicalParams(input: string): string {
  const pairs = [...new URLSearchParams(input)];
  pairs.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  return new URLSearchParams(pairs).toString();
}
