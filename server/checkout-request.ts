import type { Context } from 'hono';
import type { CheckoutRequest } from '../protocol/index.ts';
import { invalidRequest } from './errors.ts';
import { parseQuoteRequest } from './pricing/index.ts';

const ATTEMPT_ID = /^[A-Za-z0-9_-]{8,100}$/;
const TOKEN_ID = /^ctoken_[A-Za-z0-9_]{1,200}$/;
/**
 * Close to what Stripe takes for `receipt_email`: one @, no spaces or controls, a dotted domain.
 * A shopper's typo here must not abort a payment, so a miss only drops the receipt.
 */
const RECEIPT_EMAIL = /^[^\s@\u0000-\u001f]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$/;

export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().includes('application/json')) {
    throw invalidRequest('unsupported_content_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw invalidRequest('invalid_json', 'The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('invalid_json', 'The request body must be a JSON object.');
  }
  if (holdsNul(body)) throw invalidRequest('invalid_characters', 'The request holds a NUL character, which no field may contain.');
  return body as Record<string, unknown>;
}

/**
 * PostgreSQL text cannot hold U+0000 and refuses the whole statement, so no string with one may
 * pass the JSON boundary, whichever field it is in.
 */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (!value || typeof value !== 'object' || depth > 20) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1));
}

export const receiptEmail = (email: unknown): string | undefined =>
  typeof email === 'string' && email.length <= 254 && RECEIPT_EMAIL.test(email) ? email : undefined;

/** Keeps only what the server trusts from a browser: ids, a receipt email, and the quote's claims. */
export function parseCheckoutRequest(body: Record<string, unknown>): CheckoutRequest {
  const { attemptId, confirmationTokenId, email } = body;
  if (typeof attemptId !== 'string' || !ATTEMPT_ID.test(attemptId)) {
    throw invalidRequest('invalid_attempt_id', 'attemptId must be 8 to 100 letters, digits, "-" or "_".', 'attemptId');
  }
  if (typeof confirmationTokenId !== 'string' || !TOKEN_ID.test(confirmationTokenId)) {
    throw invalidRequest('invalid_confirmation_token', 'confirmationTokenId must be a ConfirmationToken id (ctoken_…).', 'confirmationTokenId');
  }
  const receipt = receiptEmail(email);
  return { ...parseQuoteRequest(body), attemptId, confirmationTokenId, ...(receipt ? { email: receipt } : {}) };
}
