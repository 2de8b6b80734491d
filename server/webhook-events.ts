import type Stripe from 'stripe';
import type { Order, OrderPatch, OrderWriter } from './store/types.ts';

async function orderFor(orders: OrderWriter, intent: Stripe.PaymentIntent): Promise<Order | null> {
  const orderId = intent.metadata?.order_id;
  return (orderId ? await orders.findOrder(orderId) : null) ?? (await orders.findOrderByPaymentIntent(intent.id));
}

/** What a PaymentIntent event means for its order; null leaves the order alone. */
export function orderPatchFor(type: string, intent: Stripe.PaymentIntent, order: Order): OrderPatch | null {
  const base = { intentStatus: intent.status, paymentIntentId: intent.id };
  switch (type) {
    case 'payment_intent.succeeded': {
      // A paid order must be paid what the server priced; anything else goes to a person.
      const paidInFull = intent.amount_received === order.amount && intent.currency === order.currency;
      return { ...base, status: paidInFull ? 'paid' : 'needs_review' };
    }
    case 'payment_intent.payment_failed':
      return order.status === 'paid' ? null : { ...base, status: 'failed' };
    case 'payment_intent.canceled':
      return order.status === 'paid' ? null : { ...base, status: 'canceled' };
    case 'payment_intent.processing':
    case 'payment_intent.requires_action':
    case 'payment_intent.amount_capturable_updated':
      return order.status === 'pending' ? base : null;
    default:
      return null;
  }
}

/** Applies one verified event to the orders it names. Events for other objects are acknowledged. */
export async function applyStripeEvent(orders: OrderWriter, event: Stripe.Event): Promise<void> {
  if (!event.type.startsWith('payment_intent.')) return;
  const intent = event.data.object as Stripe.PaymentIntent;
  const order = await orderFor(orders, intent);
  if (!order) return;
  const patch = orderPatchFor(event.type, intent, order);
  if (patch) await orders.updateOrder(order.id, patch);
}
