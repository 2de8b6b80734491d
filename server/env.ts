import proxyaddr from 'proxy-addr';
import type { TrustProxy } from './middleware/client-ip.ts';
import type { GuardSettings } from './middleware/guards.ts';
import type { RateLimitRule } from './middleware/rate-limit.ts';
import { checkSigningSecret, parseOpenAmounts, type OpenAmounts } from './pricing/index.ts';

/** How main.ts reaches Stripe, decided from the environment alone (pure, so it is testable). */
export type StripeMode =
  | { kind: 'real'; secretKey: string; publishableKey: string; webhookSecret?: string; api?: { host: string; port: number; protocol: 'http' | 'https' } }
  | { kind: 'sandbox' };

export function resolveStripeMode(env: Record<string, string | undefined>): StripeMode {
  const secretKey = env.STRIPE_SECRET_KEY?.trim() || undefined;
  const publishableKey = env.STRIPE_PUBLISHABLE_KEY?.trim() || undefined;
  const wantsSandbox = env.LINK_CHECKOUT_SANDBOX === '1';

  if (secretKey?.startsWith('sk_live_') || secretKey?.startsWith('rk_live_')) {
    if (wantsSandbox || !publishableKey) {
      throw new Error('Refusing to start the sandbox while a live secret key is configured. Unset STRIPE_SECRET_KEY, or set STRIPE_PUBLISHABLE_KEY to run on Stripe.');
    }
  }
  if (wantsSandbox || (!secretKey && !publishableKey)) return { kind: 'sandbox' };
  if (!secretKey || !publishableKey) {
    throw new Error('Set both STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY to use Stripe, or neither to use the offline sandbox.');
  }
  const liveSecret = /^(sk|rk)_live_/.test(secretKey);
  if (liveSecret !== publishableKey.startsWith('pk_live_')) {
    throw new Error('STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY must both be live or both be test keys.');
  }
  return {
    kind: 'real',
    secretKey,
    publishableKey,
    // A pasted secret often carries a trailing newline, which would fail every signature.
    ...(env.STRIPE_WEBHOOK_SECRET?.trim() ? { webhookSecret: env.STRIPE_WEBHOOK_SECRET.trim() } : {}),
    ...(env.STRIPE_API_URL ? { api: parseApiUrl(env.STRIPE_API_URL) } : {}),
  };
}

/** STRIPE_API_URL, e.g. http://localhost:12111 for stripe-mock, as the SDK's host options. */
export function parseApiUrl(value: string): { host: string; port: number; protocol: 'http' | 'https' } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`STRIPE_API_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('STRIPE_API_URL must be http(s)://host[:port]');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

/** The price-rule settings of the environment: the signing secret and the open-amount ranges. */
export function resolvePricing(env: Record<string, string | undefined>): { signingSecret?: string; openAmounts?: OpenAmounts } {
  const secret = env.LINK_CHECKOUT_SIGNING_SECRET?.trim();
  return {
    ...(secret ? { signingSecret: checkSigningSecret(secret) } : {}),
    ...(env.OPEN_AMOUNTS !== undefined ? { openAmounts: parseOpenAmounts(env.OPEN_AMOUNTS) } : {}),
  };
}

/** DATABASE_URL must name a PostgreSQL server; anything else is a typo we should not guess about. */
export function checkDatabaseUrl(value: string): string {
  const url = value.trim();
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// (or postgresql://) URL.');
  return url;
}

/** Defaults a shop can live with: a shopper retries a few times a minute; card testers try hundreds. */
export const DEFAULT_WRITE_LIMIT = '30/1m';
export const DEFAULT_DECLINE_LIMIT = '10/1h';

const DURATION_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `30/1m`, `10/1h`, `5/30s` as a count per window; `off` (or 0) is no limit. */
export function parseRateLimit(name: string, value: string): RateLimitRule | null {
  const text = value.trim().toLowerCase();
  if (text === 'off' || text === '0') return null;
  const match = /^(\d{1,7})\s*\/\s*(\d{1,6})?\s*([smh])$/.exec(text);
  if (!match || Number(match[1]) < 1) throw new Error(`${name} must look like 30/1m (a count per s, m or h window), or off; got "${value}".`);
  return { limit: Number(match[1]), windowMs: Number(match[2] ?? 1) * DURATION_MS[match[3] as keyof typeof DURATION_MS] };
}

/** TRUST_PROXY: unset/0/false (no proxy), a hop count, `true` (any), or addresses and CIDRs (`loopback, 10.0.0.0/8`). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || text.toLowerCase() === 'false') return false;
  if (text.toLowerCase() === 'true') return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    proxyaddr.compile(entries);
  } catch (err) {
    throw new Error(`TRUST_PROXY must be a hop count, true, or addresses/CIDRs (e.g. "loopback, 10.0.0.0/8"): ${(err as Error).message}`);
  }
  return entries;
}

/** ALLOWED_ORIGINS: origins (scheme://host[:port]) separated by commas; unset or `*` means any. */
export function parseAllowedOrigins(value: string | undefined): string[] | '*' {
  const text = value?.trim() ?? '';
  if (text === '' || text === '*') return '*';
  return text.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`ALLOWED_ORIGINS: "${entry}" is not an origin such as https://shop.example`);
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
      throw new Error(`ALLOWED_ORIGINS: "${entry}" is not an origin such as https://shop.example (no path)`);
    }
    return url.origin;
  });
}

/** Everything createApiGuards needs, from the environment. */
export function resolveGuardSettings(env: Record<string, string | undefined>): GuardSettings {
  return {
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    writes: parseRateLimit('RATE_LIMIT_WRITES', env.RATE_LIMIT_WRITES ?? DEFAULT_WRITE_LIMIT),
    declines: parseRateLimit('RATE_LIMIT_DECLINES', env.RATE_LIMIT_DECLINES ?? DEFAULT_DECLINE_LIMIT),
  };
}
