/**
 * API-key authentication (https://docs.stripe.com/api/authentication): Bearer or Basic auth.
 * A missing or unknown key is 401 (type invalid_request_error, key redacted to its last 4
 * characters); a publishable key on a secret-only route is 403.
 */
import { invalidRequest } from './errors.ts';

export type KeyKind = 'secret' | 'publishable';

export function extractKey(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return null;
  if (scheme.toLowerCase() === 'bearer') return value.trim();
  if (scheme.toLowerCase() === 'basic') {
    try {
      return atob(value.trim()).split(':')[0] || null;
    } catch {
      return null;
    }
  }
  return null;
}

function redact(key: string): string {
  const prefix = /^(sk|pk|rk)_(test|live)_/.exec(key)?.[0] ?? '';
  const tail = key.slice(-4);
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${tail}`;
}

export function authenticate(
  header: string | undefined,
  keys: { secretKey: string; publishableKey: string },
  need: 'secret' | 'browser',
): { apiKey: string; kind: KeyKind } {
  const key = extractKey(header);
  if (!key) {
    throw invalidRequest(
      "You did not provide an API key. Send it in the Authorization header with Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      { status: 401 },
    );
  }
  const kind: KeyKind | null = key === keys.secretKey ? 'secret' : key === keys.publishableKey ? 'publishable' : null;
  if (!kind) throw invalidRequest(`Invalid API Key provided: ${redact(key)}`, { status: 401 });
  if (kind === 'publishable' && need === 'secret') {
    // Publishable keys may only call the client-side subset of the API. Stripe answers 403 here
    // (stripe-ruby raises PermissionError for it, e.g. github.com/getlago/lago-api/pull/3650).
    throw invalidRequest('This API call cannot be made with a publishable API key. Please use a secret API key.', { status: 403 });
  }
  return { apiKey: key, kind };
}
