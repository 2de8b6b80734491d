import type { Context } from 'hono';
import type { CheckoutRequest } from '../protocol/index.ts';
import { invalidRequest } from './errors.ts';

const ATTEMPT_ID = /^[A-Za-z0-9_-]{8,100}$/;
const TOKEN_ID = /^ctoken_[A-Za-z0-9_]{1,200}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/;

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
  return body as Record<string, unknown>;
}

/**
 * Keeps only what the server trusts from a browser. Price fields (`amount`, `currency`, …) are
 * dropped here on purpose: the price rules decide them.
 */
export function parseCheckoutRequest(body: Record<string, unknown>): CheckoutRequest {
  const { attemptId, confirmationTokenId, item, email } = body;
  if (typeof attemptId !== 'string' || !ATTEMPT_ID.test(attemptId)) {
    throw invalidRequest('invalid_attempt_id', 'attemptId must be 8 to 100 letters, digits, "-" or "_".', 'attemptId');
  }
  if (typeof confirmationTokenId !== 'string' || !TOKEN_ID.test(confirmationTokenId)) {
    throw invalidRequest('invalid_confirmation_token', 'confirmationTokenId must be a ConfirmationToken id (ctoken_…).', 'confirmationTokenId');
  }
  if (typeof item !== 'string') throw invalidRequest('parameter_missing', 'Say which item to buy (item).', 'item');
  if (email !== undefined && email !== null && email !== '' && (typeof email !== 'string' || !EMAIL.test(email))) {
    throw invalidRequest('invalid_email', 'email is not an email address.', 'email');
  }
  return { attemptId, confirmationTokenId, item, ...(typeof email === 'string' && email ? { email } : {}) };
}
