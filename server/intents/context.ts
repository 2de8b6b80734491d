import type Stripe from 'stripe';
import type { CheckoutRequest, IntentStatus, Quote } from '../../protocol/index.ts';
import { invalidRequest } from '../errors.ts';
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

/**
 * The Customer an intent is made for. Stripe refuses a saved payment method without the Customer it
 * belongs to, so the ConfirmationToken's method decides first (a saved card the Payment Element
 * offered through a CustomerSession); then the returning customer the shop signed; then, when
 * `required` (setup, subscription, a payment that saves its method, or the shopper ticked "save"),
 * a new Customer. A payment with none of these has no Customer.
 */
export async function intentCustomer(context: IntentContext, required: boolean): Promise<string | undefined> {
  if (context.order.customerId) return context.order.customerId;
  const token = await context.stripe.confirmationTokens.retrieve(context.request.confirmationTokenId);
  const owner = token.payment_method_preview?.customer;
  const owned = typeof owner === 'string' ? owner : (owner?.id ?? undefined);
  const signed = context.quote.customer;
  if (owned && signed && owned !== signed) {
    throw invalidRequest('payment_method_customer_mismatch', 'This saved payment method belongs to another customer. Choose another one.', 'confirmationTokenId');
  }
  let customer = owned ?? signed;
  if (!customer && (required || token.setup_future_usage)) {
    const created = await context.stripe.customers.create(
      { ...(context.email ? { email: context.email } : {}), metadata: orderMetadata(context) },
      { idempotencyKey: idempotencyKeyFor(context.request.attemptId, 'customer') },
    );
    customer = created.id;
  }
  if (customer) await context.record({ customerId: customer });
  return customer;
}

/** setup and subscription need a Customer, and so does a payment that saves its method. */
export const customerFor = async (context: IntentContext): Promise<string> => (await intentCustomer(context, true))!;
