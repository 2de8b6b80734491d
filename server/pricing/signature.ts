import type { CheckoutMode, RecurringInterval } from '../../protocol/index.ts';

/** What a merchant signs: a fixed price that is not in the catalog. */
export interface SignedPrice {
  mode: CheckoutMode;
  amount: number;
  currency: string;
  interval?: RecurringInterval;
  label?: string;
}

/** Versioned and newline-joined, so no field can bleed into the next (or pass for another kind of signature). */
function canonical(price: SignedPrice): Uint8Array<ArrayBuffer> {
  const fields = ['link-checkout/v1', price.mode, String(price.amount), price.currency, price.interval ?? '', price.label ?? ''];
  return new TextEncoder().encode(fields.join('\n'));
}

const customerCanonical = (customerId: string) => new TextEncoder().encode(`link-checkout/customer/v1\n${customerId}`);

// Web Crypto, so signing and checking run alike on Node, workerd, Bun and Deno (and in the CLI).
function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The `signature` attribute for a price: base64url HMAC-SHA256 with the server's signing secret. */
export async function signPrice(secret: string, price: SignedPrice): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), canonical(price));
  return toBase64Url(new Uint8Array(mac));
}

/** Checks a signature in constant time (`subtle.verify` compares the MACs itself). */
export async function verifyPrice(secret: string, price: SignedPrice, signature: string): Promise<boolean> {
  const mac = fromBase64Url(signature);
  if (!mac) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), mac, canonical(price));
}

/**
 * The `customer-signature` of a returning customer's reference (`link-checkout sign --customer`),
 * so no browser can name another person's Customer and see their saved methods.
 */
export async function signCustomer(secret: string, customerId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), customerCanonical(customerId));
  return toBase64Url(new Uint8Array(mac));
}

export async function verifyCustomer(secret: string, customerId: string, signature: string): Promise<boolean> {
  const mac = fromBase64Url(signature);
  if (!mac) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), mac, customerCanonical(customerId));
}

/** A signing secret short enough to guess would let anyone set their own price. */
export function checkSigningSecret(secret: string): string {
  if (secret.length < 32) throw new Error('LINK_CHECKOUT_SIGNING_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`).');
  return secret;
}
