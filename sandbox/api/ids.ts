/** Stripe-shaped identifiers: `<prefix>_<random base62>`. Web Crypto only, so the app runs anywhere. */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomString(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomString(24)}`;
}

/** `pi_…_secret_…` / `seti_…_secret_…`: the id plus a secret suffix, as Stripe formats client secrets. */
export function clientSecretFor(id: string): string {
  return `${id}_secret_${randomString(25)}`;
}

/** Stable, non-reversible card fingerprint (same number -> same value), like Stripe's `card.fingerprint`. */
export function fingerprint(value: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  let out = '';
  for (let n of [h1, h2, h1 ^ h2]) {
    for (let i = 0; i < 5; i++) {
      out += ALPHABET[n % ALPHABET.length];
      n = Math.floor(n / ALPHABET.length);
    }
  }
  return out.slice(0, 16);
}
