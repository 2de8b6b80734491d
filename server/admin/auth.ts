import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';

const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/**
 * Compares in constant time: both sides are hashed to equal length first, so neither the
 * token's length nor a matching prefix shows in the timing. Web Crypto, so it runs on any runtime.
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** `Authorization: Bearer $ADMIN_TOKEN`; the whole admin API is off when no token is configured. */
export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!adminToken) {
      throw new ApiError(503, 'api_error', 'admin_disabled', 'The admin API is off: set ADMIN_TOKEN on the server to turn it on.');
    }
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
    if (!token || !(await sameSecret(token, adminToken))) {
      c.header('WWW-Authenticate', 'Bearer realm="link-checkout admin"');
      throw new ApiError(401, 'authentication_error', 'admin_unauthorized', 'Send the admin token: Authorization: Bearer <ADMIN_TOKEN>.');
    }
    await next();
  };
}
