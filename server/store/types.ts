export type OrderStatus = 'pending' | 'paid' | 'failed' | 'canceled' | 'needs_review';

export interface Order {
  id: string;
  attemptId: string;
  item: string;
  amount: number;
  currency: string;
  email: string | null;
  status: OrderStatus;
  /** Last PaymentIntent status we saw, from the confirm answer or a webhook. */
  intentStatus: string | null;
  paymentIntentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewOrder {
  attemptId: string;
  item: string;
  amount: number;
  currency: string;
  email: string | null;
}

export type OrderPatch = Partial<Pick<Order, 'status' | 'intentStatus' | 'paymentIntentId'>>;

/** What a webhook handler may do to the store inside the event's transaction. */
export interface OrderWriter {
  findOrder(id: string): Promise<Order | null>;
  findOrderByPaymentIntent(paymentIntentId: string): Promise<Order | null>;
  updateOrder(id: string, patch: OrderPatch): Promise<Order | null>;
}

export interface Store extends OrderWriter {
  /**
   * Creates the order for a checkout attempt, or returns the one that attempt already made:
   * a retried request must not make a second order.
   */
  createOrder(order: NewOrder): Promise<{ order: Order; created: boolean }>;
  /**
   * Runs `apply` once per event id: the id is recorded in the same transaction, so a replayed
   * event is skipped and a failed apply leaves the event unrecorded for Stripe's retry.
   * Returns false when the event had already been processed.
   */
  processEventOnce(eventId: string, eventType: string, apply: (tx: OrderWriter) => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}
