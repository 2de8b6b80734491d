import type { CheckoutMode, Quote, RecurringInterval } from '../../protocol/index.ts';

export type OrderStatus = 'pending' | 'paid' | 'authorized' | 'saved' | 'active' | 'failed' | 'canceled' | 'needs_review';

export interface Order {
  id: string;
  attemptId: string;
  mode: CheckoutMode;
  priceRule: Quote['rule'];
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
  createdAt: Date;
  updatedAt: Date;
}

export type NewOrder = Pick<Order, 'attemptId' | 'mode' | 'priceRule' | 'item' | 'name' | 'amount' | 'currency' | 'interval' | 'email' | 'captureMethod'>;

export type OrderPatch = Partial<
  Pick<Order, 'status' | 'intentStatus' | 'customerId' | 'paymentIntentId' | 'setupIntentId' | 'subscriptionId' | 'paymentMethodId'>
>;

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
  /** The order a Stripe object belongs to: a PaymentIntent (`pi_`), SetupIntent (`seti_`) or Subscription (`sub_`). */
  findOrderByStripeId(id: string): Promise<Order | null>;
  /** Applies the patch; a status change is recorded in the order's history with `cause`. */
  updateOrder(id: string, patch: OrderPatch, cause: string): Promise<Order | null>;
}

/** Request counters for rate limits, kept where every instance of the server can see them. */
export interface RateLimitCounters {
  /** Counts one hit of `key` in its fixed window of `windowMs`; a window starts at the first hit. */
  hitRateLimit(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  /** Takes back one hit of `key` in its current window (a request that turned out not to count). */
  unhitRateLimit(key: string): Promise<void>;
}

export interface Store extends OrderWriter, RateLimitCounters {
  /**
   * Creates the order for a checkout attempt, or returns the one that attempt already made:
   * a retried request must not make a second order.
   */
  createOrder(order: NewOrder): Promise<{ order: Order; created: boolean }>;
  orderHistory(id: string): Promise<OrderHistoryEntry[]>;
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
