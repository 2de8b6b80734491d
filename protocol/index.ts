/**
 * The JSON spoken between <link-checkout> and the server. Imported by both sides, so a change
 * here fails `tsc` on whichever side has not followed.
 */

export type CheckoutMode = 'payment' | 'setup' | 'subscription';
export type RecurringInterval = 'day' | 'week' | 'month' | 'year';
export type SetupFutureUsage = 'off_session' | 'on_session';

/** GET /api/config */
export interface PublicConfig {
  publishableKey: string;
  /** True when the server talks to the offline sandbox instead of Stripe. */
  sandbox: boolean;
  /** Sandbox only: where the window.Stripe stand-in is served. Never set in real mode. */
  sandboxStripeJsUrl?: string;
}

/**
 * What the served script carries (server/widget-script.ts): the public config, and each catalog
 * item's quote keyed by the query the element would send for a tag naming only that item, so
 * the commonest tag needs no request before Elements mount.
 */
export interface InlineConfig extends PublicConfig {
  quotes?: Record<string, Quote>;
}

/**
 * What the element asks to buy: its attributes, as sent on GET /api/quote and again with
 * POST /api/checkout. Every field is a claim the server's price rules check; none sets a price.
 */
export interface QuoteRequest {
  /** Catalog item id. */
  item?: string;
  mode?: CheckoutMode;
  /** Minor units: a signed fixed price, or the shopper's choice of an open amount. */
  amount?: number;
  currency?: string;
  /** HMAC of a fixed price (`link-checkout sign`). */
  signature?: string;
  /** Display name of a signed or open amount. */
  label?: string;
  /** Interval of a signed subscription price. */
  interval?: RecurringInterval;
  /** The shopper chooses the amount within the server's range. */
  amountEditable?: boolean;
  /** `manual`: authorize now, capture later. */
  capture?: 'automatic' | 'manual';
  /** Save the payment method on a Customer while paying. */
  save?: SetupFutureUsage;
  /**
   * Complete an existing order instead of buying: an off-session charge the bank asked the
   * customer to authenticate (its recovery page). The order's amount is the price.
   */
  order?: string;
  /**
   * A returning customer: their Customer id and the shop's signature of it (`link-checkout sign
   * --customer`). Checked on every request; the intent is then made for that Customer.
   */
  customer?: string;
  customerSignature?: string;
}

/**
 * The Stripe Elements options the server derives from the quote. The intent the server creates
 * uses the same values; Stripe refuses a ConfirmationToken whose Elements options disagree.
 */
export interface ElementsIntentOptions {
  mode: CheckoutMode;
  currency: string;
  amount?: number;
  captureMethod?: 'manual';
  setupFutureUsage?: SetupFutureUsage;
  excludedPaymentMethodTypes: string[];
}

/** GET /api/quote: what the server will charge, for display and for Elements. */
export interface Quote {
  /** Which price rule decided it. */
  rule: 'catalog' | 'signed' | 'open' | 'none' | 'order';
  item?: string;
  name: string;
  /** Minor units (cents), as Stripe counts. 0 in setup mode. */
  amount: number;
  currency: string;
  mode: CheckoutMode;
  interval?: RecurringInterval;
  /** Open amounts only: the range the shopper may choose in, minor units. */
  range?: { min: number; max: number };
  elements: ElementsIntentOptions;
  /** The returning customer the request named, once its signature was checked. */
  customer?: string;
  /**
   * An order page (`order`) for a Checkout Session the shop sent: the customer completes that
   * session, embedded (its client secret) or on Stripe's page (its url), instead of Elements.
   */
  checkoutSession?: { ui: 'embedded'; clientSecret: string } | { ui: 'hosted'; url: string };
}

/** POST /api/checkout. The quote fields are checked again; the price is the server's. */
export interface CheckoutRequest extends QuoteRequest {
  /** One id per customer press of Pay; retries of that press reuse it, so it is charged once. */
  attemptId: string;
  confirmationTokenId: string;
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

/** What the browser can tell the shopper once an attempt went through. */
export type CheckoutOutcome = 'paid' | 'authorized' | 'saved' | 'active' | 'processing';

export interface CheckoutResponse {
  orderId: string;
  mode: CheckoutMode;
  /** Status of the intent the browser must finish: a PaymentIntent, or a SetupIntent in setup mode. */
  status: IntentStatus;
  /** Needed by stripe.handleNextAction when status is requires_action. */
  clientSecret: string;
  paymentIntentId?: string;
  setupIntentId?: string;
  subscriptionId?: string;
  customerId?: string;
}

/**
 * GET /api/payments/:intentId (a PaymentIntent or SetupIntent id): the order it belongs to, for
 * the page a redirect-based payment method returns to. No personal data.
 */
export interface PaymentLookup {
  orderId: string;
  item: string | null;
  mode: CheckoutMode;
  /** The order's status: `pending` until a webhook or the reconciler says otherwise. */
  status: string;
  subscriptionId?: string;
  customerId?: string;
}

/** How <link-checkout> takes the payment: Elements on the page, or a Stripe Checkout Session. */
export type CheckoutUi = 'elements' | 'embedded' | 'hosted';

/**
 * POST /api/checkout-sessions: a Checkout Session for the quote's claims (the price rules decide),
 * shown embedded in the page or on Stripe's hosted page. A retry with the same `attemptId` makes
 * the same order and the same session.
 */
export interface CheckoutSessionRequest extends QuoteRequest {
  ui: Exclude<CheckoutUi, 'elements'>;
  attemptId: string;
  /** The page to come back to (http or https); `session_id` is added to it. */
  returnUrl: string;
  /** Prefills Checkout's email. */
  email?: string;
}

export interface CheckoutSessionResponse {
  orderId: string;
  sessionId: string;
  /** Hosted: where to send the customer. */
  url?: string;
  /** Embedded: what Stripe.js mounts. */
  clientSecret?: string;
}

/** GET /api/checkout-sessions/:sessionId: the order a returning session belongs to. No personal data. */
export interface CheckoutSessionLookup extends PaymentLookup {
  /** What was bought, for the thanks: the order's name and amount (minor units). */
  name: string | null;
  amount: number;
  currency: string;
  paymentIntentId?: string;
  setupIntentId?: string;
}

/**
 * POST /api/customer-sessions: a CustomerSession for a returning customer the shop signed, so the
 * Payment Element shows their saved payment methods (seed 002 § Save and retrieve customer payment methods).
 */
export interface CustomerSessionRequest {
  customer: string;
  customerSignature: string;
}
export interface CustomerSessionResponse {
  clientSecret: string;
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
  mode: CheckoutMode;
  status: CheckoutOutcome;
  paymentIntentId?: string;
  setupIntentId?: string;
  subscriptionId?: string;
  customerId?: string;
}
export interface ErrorDetail {
  type: ErrorType | 'validation_error' | 'network_error';
  code: string;
  message: string;
}
