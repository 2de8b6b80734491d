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
