/**
 * Stripe's error envelope `{error:{type, code?, decline_code?, message, param?, …}}` and the HTTP
 * statuses Stripe pairs with each type: 400 invalid_request_error / idempotency_error,
 * 401 bad key, 402 card_error, 404 resource_missing, 500 api_error.
 * https://docs.stripe.com/api/errors
 */

export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  setup_intent?: unknown;
  payment_method?: unknown;
  request_log_url?: string;
}

export class StripeApiError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  /**
   * Stripe stores an idempotent result only once the endpoint starts executing, so requests that
   * fail parameter validation can be retried with the same key.
   * https://docs.stripe.com/api/idempotent_requests
   */
  readonly beforeExecution: boolean;

  constructor(status: number, body: StripeErrorBody, beforeExecution = false) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.beforeExecution = beforeExecution;
  }
}

function docUrl(code: string): string {
  return `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidRequest(
  message: string,
  extra: { code?: string; param?: string; status?: number; beforeExecution?: boolean } = {},
): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message };
  if (extra.code) {
    body.code = extra.code;
    body.doc_url = docUrl(extra.code);
  }
  if (extra.param) body.param = extra.param;
  return new StripeApiError(extra.status ?? 400, body, extra.beforeExecution ?? false);
}

export const unknownParam = (param: string) =>
  invalidRequest(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param, beforeExecution: true });

export const missingParam = (param: string) =>
  invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param, beforeExecution: true });

export const invalidParam = (param: string, message: string, code?: string) =>
  invalidRequest(message, { code, param, beforeExecution: true });

export const resourceMissing = (objectName: string, id: string, param = 'id') =>
  invalidRequest(`No such ${objectName}: '${id}'`, { code: 'resource_missing', param, status: 404 });

/** A client_secret that is not the intent's own (400, param client_secret). */
export const clientSecretMismatch = (objectName: 'PaymentIntent' | 'SetupIntent') =>
  invalidRequest(`The client_secret you sent is not the client_secret of this ${objectName}.`, { param: 'client_secret' });

export function cardError(fields: {
  code: string;
  message: string;
  decline_code?: string;
  param?: string;
  charge?: string;
  payment_intent?: unknown;
  setup_intent?: unknown;
  payment_method?: unknown;
}): StripeApiError {
  const body: StripeErrorBody = { type: 'card_error', doc_url: docUrl(fields.code), ...fields };
  return new StripeApiError(402, body);
}

export function apiError(message: string): StripeApiError {
  return new StripeApiError(500, { type: 'api_error', message });
}

export function errorResponseBody(err: StripeApiError): { error: StripeErrorBody } {
  return { error: err.body };
}
