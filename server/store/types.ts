import type { AdminOrderStatus, OrderSource } from '../../protocol/admin.ts';
import type { CheckoutMode, RecurringInterval } from '../../protocol/index.ts';

export type OrderStatus = AdminOrderStatus;
export type { OrderSource };

/** The last decline or authentication request Stripe reported for the order. */
export interface OrderError {
  code: string;
  message: string;
  declineCode?: string;
}

export interface Order {
  id: string;
  attemptId: string;
  mode: CheckoutMode;
  /** The price rule of a checkout, or the merchant action that made the order. */
  priceRule: OrderSource;
  /** Catalog item, when the price came from the catalog. */
  item: string | null;
  /** What the shopper was shown: the item's name or the signed/open amount's label. */
  name: string | null;
  /** Minor units the server priced (0 for a setup). */
  amount: number;
  currency: string;
  interval: RecurringInterval | null;
  email: string | null;
  status: OrderStatus;
  /** Last status we saw of the intent the shopper confirmed, from the confirm answer or a webhook. */
  intentStatus: string | null;
  captureMethod: 'automatic' | 'manual';
  customerId: string | null;
  paymentIntentId: string | null;
  setupIntentId: string | null;
  subscriptionId: string | null;
  paymentMethodId: string | null;
  checkoutSessionId: string | null;
  /** Minor units Stripe reports received and refunded so far. */
  amountReceived: number;
  amountRefunded: number;
  lastError: OrderError | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewOrder = Pick<Order, 'attemptId' | 'mode' | 'priceRule' | 'item' | 'name' | 'amount' | 'currency' | 'interval' | 'email' | 'captureMethod'> &
  Partial<Pick<Order, 'customerId' | 'checkoutSessionId'>>;

export type OrderPatch = Partial<
  Pick<
    Order,
    | 'status' | 'intentStatus' | 'customerId' | 'paymentIntentId' | 'setupIntentId' | 'subscriptionId' | 'paymentMethodId'
    | 'checkoutSessionId' | 'amountReceived' | 'amountRefunded' | 'lastError'
  >
>;

/** GET /admin/api/orders filters; newest first, `startingAfter` an order id (cursor). */
export interface OrderFilter {
  status?: OrderStatus;
  mode?: CheckoutMode;
  email?: string;
  customerId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  limit: number;
  startingAfter?: string;
}

/** One status change of an order and what caused it (`checkout`, an event `type id`, an admin action). */
export interface OrderHistoryEntry {
  at: Date;
  from: OrderStatus | null;
  to: OrderStatus;
  cause: string;
}

/** What a webhook handler may do to the store inside the event's transaction. */
export interface OrderWriter {
  findOrder(id: string): Promise<Order | null>;
  /**
   * The order a Stripe object belongs to: a PaymentIntent (`pi_`), SetupIntent (`seti_`),
   * Subscription (`sub_`) or Checkout Session (`cs_`).
   */
  findOrderByStripeId(id: string): Promise<Order | null>;
  /**
   * Applies the patch; a status change is recorded in the order's history with `cause`, and so is
   * any change with `always` (a merchant's partial refund leaves the status as it was).
   */
  updateOrder(id: string, patch: OrderPatch, cause: string, always?: boolean): Promise<Order | null>;
  /**
   * Creates the order for an attempt (a press of Pay, a merchant action, a Payment Link
   * session), or returns the one that attempt already made: a retry must not make a second order.
   */
  createOrder(order: NewOrder): Promise<{ order: Order; created: boolean }>;
}

/** Request counters for rate limits, kept where every instance of the server can see them. */
export interface RateLimitCounters {
  /** Counts one hit of `key` in its fixed window of `windowMs`; a window starts at the first hit. */
  hitRateLimit(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  /** Takes back one hit of `key` in its current window (a request that turned out not to count). */
  unhitRateLimit(key: string): Promise<void>;
}

export interface Store extends OrderWriter, RateLimitCounters {
  listOrders(filter: OrderFilter): Promise<{ orders: Order[]; hasMore: boolean }>;
  orderHistory(id: string): Promise<OrderHistoryEntry[]>;
  /**
   * Deletes a pending order that no Stripe object names (the attempt was refused before Stripe made
   * anything), so junk attempts leave nothing behind. False when the order has Stripe ids.
   */
  discardOrder(id: string): Promise<boolean>;
  /** Orders still waiting on Stripe (pending, action_required) not touched since `olderThan`, oldest first. */
  staleOrders(olderThan: Date, limit: number): Promise<Order[]>;
  /** Small named values kept across restarts and instances: the reconciler's cursor, admin replies by key. */
  getState(name: string): Promise<string | null>;
  setState(name: string, value: string): Promise<void>;
  /**
   * Runs `apply` once per event id: the id is recorded in the same transaction, so a replayed
   * event is skipped and a failed apply leaves the event unrecorded for Stripe's retry.
   * Returns false when the event had already been processed.
   */
  processEventOnce(eventId: string, eventType: string, apply: (tx: OrderWriter) => Promise<void>): Promise<boolean>;
  /** Resolves when the database answers (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
