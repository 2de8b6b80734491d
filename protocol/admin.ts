/**
 * The admin API's JSON (`/admin/api/*`, `Authorization: Bearer $ADMIN_TOKEN`). The CLI and the
 * /admin page are thin clients of it, so each merchant action has one implementation.
 * Errors are `{error: {type, code, message, param?}}` as everywhere: 401 without the token, 404
 * for unknown ids, 409 for an action on an order in the wrong state, 400 with `param` for bad input.
 * Every POST takes an optional `Idempotency-Key` header: a retry with the same key (and body) never
 * moves money twice. Without one, the key is derived from the request itself.
 */
import type { CheckoutMode } from './index.ts';

export type AdminOrderStatus =
  | 'pending'
  | 'paid'
  | 'authorized'
  | 'saved'
  | 'active'
  | 'action_required'
  | 'refunded'
  | 'failed'
  | 'canceled'
  | 'needs_review';

/** Where an order came from: a checkout's price rule, or a merchant's action. */
export type OrderSource = 'catalog' | 'signed' | 'open' | 'none' | 'charge_later' | 'checkout_session' | 'payment_link';

export interface AdminOrder {
  id: string;
  status: AdminOrderStatus;
  mode: CheckoutMode;
  source: OrderSource;
  item: string | null;
  name: string | null;
  /** Minor units the server priced (0 for a setup). */
  amount: number;
  currency: string;
  /** What Stripe says was received, and refunded, so far (minor units). */
  amountReceived: number;
  amountRefunded: number;
  email: string | null;
  captureMethod: 'automatic' | 'manual';
  customerId: string | null;
  paymentIntentId: string | null;
  setupIntentId: string | null;
  subscriptionId: string | null;
  checkoutSessionId: string | null;
  paymentMethodId: string | null;
  /** The last decline or authentication request, as Stripe reported it. */
  lastError: { code: string; message: string; declineCode?: string } | null;
  /** Where the customer completes an `action_required` order (off-session charge needing 3DS). */
  recoveryUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AdminOrderHistoryEntry {
  at: string;
  from: AdminOrderStatus | null;
  to: AdminOrderStatus;
  /** `checkout`, `<event type> <event id>`, `admin: capture`, `reconciler`, … */
  cause: string;
}

/** GET /admin/api/orders?status=&mode=&email=&created_from=&created_to=&limit=&starting_after= (newest first). */
export interface AdminOrderList {
  data: AdminOrder[];
  /** Pass as `starting_after` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** GET /admin/api/orders/:id */
export interface AdminOrderDetail {
  order: AdminOrder;
  history: AdminOrderHistoryEntry[];
}

/** POST /admin/api/orders/:id/capture `{amount?}` · /cancel · /refund `{amount?, reason?}` → AdminOrderDetail */
export interface AmountRequest {
  /** Minor units; default: all that is capturable or refundable. */
  amount?: number;
}

/**
 * POST /admin/api/charges: charge a customer's saved payment method off-session (seed 001 §
 * Charge the saved payment method later). Answers 200 with the order when it went through; 402
 * with `{error, order}` when declined or when the bank asks the customer to authenticate (then
 * `order.status` is `action_required` and `order.recoveryUrl` is the page to send them to).
 */
export interface ChargeRequest {
  customer: string;
  /** Default: the customer's default payment method, else their most recent card or Link method. */
  paymentMethod?: string;
  amount: number;
  currency: string;
  description?: string;
}

export interface SavedPaymentMethod {
  id: string;
  type: string;
  /** What a person reads: `Visa •••• 4242 (12/34)` or `Link (jenny@example.com)`. */
  display: string;
  isDefault: boolean;
}

/** GET /admin/api/customers/:id ; GET /admin/api/customers?email= → {data: AdminCustomer[]} */
export interface AdminCustomer {
  id: string;
  email: string | null;
  name: string | null;
  defaultPaymentMethod: string | null;
  paymentMethods: SavedPaymentMethod[];
}
// DELETE /admin/api/customers/:id/payment_methods/:pm → AdminCustomer

/** POST /admin/api/checkout-sessions (seed 003; payment mode for catalog items). */
export interface CheckoutSessionRequest {
  mode: 'setup' | 'payment';
  ui: 'hosted' | 'embedded';
  /** An existing customer; without one, setup mode creates one (with `email` when given). */
  customer?: string;
  email?: string;
  /** Payment mode: the catalog item to sell. */
  item?: string;
  /** Setup mode: the currency of the payment methods to set up (default usd). */
  currency?: string;
}
export interface CheckoutSessionCreated {
  orderId: string;
  sessionId: string;
  /** Hosted: send the customer here. */
  url: string | null;
  /** Embedded: mount with Stripe.js; `pageUrl` is this server's page that does it. */
  clientSecret: string | null;
  pageUrl: string | null;
}

/** POST /admin/api/payment-links `{item}` ; GET /admin/api/payment-links ; POST …/:id/deactivate|activate */
export interface AdminPaymentLink {
  id: string;
  url: string;
  active: boolean;
  item: string | null;
  name: string | null;
  amount: number | null;
  currency: string | null;
}

/** POST /admin/api/domains `{domain}` ; GET /admin/api/domains → {data: AdminDomain[]} */
export interface AdminDomain {
  id: string;
  domain: string;
  enabled: boolean;
  /** Stripe's status for Link on this domain: `active` or `inactive`, with why. */
  link: { status: string; reason: string | null };
}
