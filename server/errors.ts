import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ErrorType } from '../protocol/index.ts';

/** An error a client can act on: sent as `{error:{type,code,message}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly extra: { param?: string; decline_code?: string } = {},
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { error: { type: this.type, code: this.code, message: this.message, ...this.extra } };
  }
}

export const invalidRequest = (code: string, message: string, param?: string) =>
  new ApiError(400, 'invalid_request_error', code, message, param ? { param } : {});

export function sendError(c: Context, error: ApiError) {
  return c.json(error.toBody(), error.status);
}

interface StripeLikeError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  statusCode?: number;
  raw?: { payment_intent?: { id?: string }; setup_intent?: { id?: string } };
}

/**
 * Maps a `stripe` SDK error to what our client may see. Card errors carry Stripe's own message,
 * which Stripe documents as fit to show a customer (docs.stripe.com/api/errors: `message`);
 * anything about our integration is logged, and the shopper reads plain language.
 */
export function fromStripeError(err: unknown): ApiError {
  const e = (err ?? {}) as StripeLikeError;
  if (e.code === 'idempotency_key_in_use') {
    // The same attempt is still being confirmed: the client should wait and ask again, not pay again.
    return new ApiError(409, 'idempotency_error', 'attempt_in_progress', 'This payment is still being processed; please wait a moment.');
  }
  switch (e.type) {
    case 'StripeCardError':
      return new ApiError(402, 'card_error', e.code ?? 'card_declined', e.message ?? 'Your card was declined.', {
        ...(e.decline_code ? { decline_code: e.decline_code } : {}),
      });
    case 'StripeInvalidRequestError':
      if (e.code === 'payment_intent_authentication_failure' || e.code === 'setup_intent_authentication_failure') {
        return new ApiError(402, 'card_error', e.code, 'Your bank could not confirm this payment. Try again, or use another payment method.');
      }
      console.error('[link-checkout] Stripe refused the request:', e.code, e.param, e.message);
      return new ApiError(400, 'invalid_request_error', e.code ?? 'invalid_request', 'The payment could not be processed, and nothing was charged. Please try again, or contact the shop.');
    case 'StripeIdempotencyError':
      return new ApiError(409, 'idempotency_error', 'attempt_reused', 'This checkout attempt was already used with other details; press Pay again.');
    case 'StripeRateLimitError':
      return new ApiError(429, 'rate_limit_error', 'rate_limited', 'Too many requests right now; try again in a moment.');
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      console.error('[link-checkout] Stripe rejected the server credentials:', e.message);
      return new ApiError(502, 'api_error', 'payment_provider_misconfigured', 'Payments are not available right now.');
    default:
      console.error('[link-checkout] payment provider error:', e.type, e.message);
      return new ApiError(502, 'api_error', 'payment_provider_unavailable', 'The payment provider could not be reached; nothing was charged twice, try again.');
  }
}

/** The PaymentIntent or SetupIntent a card error left behind (Stripe returns it on declines). */
export function declinedIntentId(err: unknown): string | undefined {
  const raw = (err as StripeLikeError | undefined)?.raw;
  return raw?.payment_intent?.id ?? raw?.setup_intent?.id;
}
