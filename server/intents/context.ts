import type Stripe from 'stripe';
import type { CheckoutRequest, IntentStatus, Quote } from '../../protocol/index.ts';
import type { Order, OrderPatch } from '../store/types.ts';

export interface IntentContext {
  stripe: Stripe;
  quote: Quote;
  request: CheckoutRequest;
  order: Order;
  /** A receipt address Stripe will take; a malformed optional email is dropped, not fatal. */
  email?: string;
  /** Writes what Stripe has made so far onto the order, so a later failure or crash keeps its ids. */
  record(patch: OrderPatch): Promise<void>;
}

/** What one mode made in Stripe: the intent the browser finishes, and what the order learns. */
export interface IntentOutcome {
  status: IntentStatus;
  clientSecret: string;
  patch: OrderPatch;
}

export type ModeHandler = (context: IntentContext) => Promise<IntentOutcome>;

/**
 * One attempt maps to one key per Stripe call, for good (Stripe keeps keys at least 24 hours):
 * however often a press of Pay is retried, it makes one Customer and one intent.
 */
export const idempotencyKeyFor = (attemptId: string, step?: string) => `link-checkout:attempt:${attemptId}${step ? `:${step}` : ''}`;

/** What Stripe is told about the order, so events and the Dashboard lead back to it. */
export function orderMetadata({ order, quote }: IntentContext): Record<string, string> {
  return { order_id: order.id, ...(quote.item ? { item: quote.item } : {}) };
}

/** setup and subscription need a Customer, and so does a payment that saves its method. */
export async function customerFor(context: IntentContext): Promise<string> {
  if (context.order.customerId) return context.order.customerId;
  const customer = await context.stripe.customers.create(
    { ...(context.email ? { email: context.email } : {}), metadata: orderMetadata(context) },
    { idempotencyKey: idempotencyKeyFor(context.request.attemptId, 'customer') },
  );
  await context.record({ customerId: customer.id });
  return customer.id;
}
