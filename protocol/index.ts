/**
 * The JSON spoken between <link-checkout> and the server. Imported by both sides, so a change
 * here fails `tsc` on whichever side has not followed.
 */

export type CheckoutMode = 'payment' | 'setup' | 'subscription';

/** GET /api/config */
export interface PublicConfig {
  publishableKey: string;
  /** True when the server talks to the offline sandbox instead of Stripe. */
  sandbox: boolean;
  /** Sandbox only: where the window.Stripe stand-in is served. Never set in real mode. */
  sandboxStripeJsUrl?: string;
}

/** GET /api/quote?item=sku: what the server will charge, for display and for Elements. */
export interface Quote {
  item: string;
  name: string;
  /** Minor units (cents), as Stripe counts. */
  amount: number;
  currency: string;
  mode: CheckoutMode;
}

/** POST /api/checkout. Anything price-like sent here is ignored: the server decides. */
export interface CheckoutRequest {
  /** One id per customer press of Pay; retries of that press reuse it, so it is charged once. */
  attemptId: string;
  confirmationTokenId: string;
  item: string;
  email?: string;
}

export type IntentStatus =
  | 'succeeded'
  | 'processing'
  | 'requires_action'
  | 'requires_capture'
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'canceled';

export interface CheckoutResponse {
  orderId: string;
  paymentIntentId: string;
  status: IntentStatus;
  /** Needed by stripe.handleNextAction when status is requires_action. */
  clientSecret: string;
}

/**
 * GET /api/payments/:paymentIntentId: the order a PaymentIntent belongs to, for the page a
 * redirect-based payment method returns to. No personal data.
 */
export interface PaymentLookup {
  orderId: string;
  item: string;
  /** The order's status: `pending` until the webhook says `paid` (or `failed`, …). */
  status: string;
}

export type ErrorType =
  | 'invalid_request_error'
  | 'card_error'
  | 'idempotency_error'
  | 'authentication_error'
  | 'api_error'
  | 'rate_limit_error';

export interface ApiErrorBody {
  error: {
    type: ErrorType;
    code: string;
    message: string;
    param?: string;
    decline_code?: string;
  };
}

/** Event details of <link-checkout>. */
export interface SuccessDetail {
  orderId: string;
  paymentIntentId: string;
}
export interface ErrorDetail {
  type: ErrorType | 'validation_error' | 'network_error';
  code: string;
  message: string;
}
