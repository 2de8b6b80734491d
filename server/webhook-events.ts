import type Stripe from 'stripe';
import type { Order, OrderPatch, OrderStatus, OrderWriter } from './store/types.ts';

/** Statuses an event may no longer move an order out of (a refund or dispute is another story). */
const SETTLED: ReadonlySet<OrderStatus> = new Set(['paid', 'saved', 'active', 'canceled', 'needs_review']);

/** Only a pending (or authorized) order learns a failure; a late failure never undoes a success. */
const failedUnlessSettled = (order: Order, patch: OrderPatch): OrderPatch | null =>
  SETTLED.has(order.status) ? null : { ...patch, status: 'failed' };

interface Located {
  order: Order;
  patch: OrderPatch | null;
}

/** The order a Stripe object belongs to: by the order id we put in its metadata, else by its id. */
async function orderOf(orders: OrderWriter, object: { id: string; metadata?: Stripe.Metadata | null }, alsoById?: string): Promise<Order | null> {
  const orderId = object.metadata?.order_id;
  return (orderId ? await orders.findOrder(orderId) : null) ?? (await orders.findOrderByStripeId(alsoById ?? object.id));
}

function paymentIntentPatch(type: string, intent: Stripe.PaymentIntent, order: Order): OrderPatch | null {
  const base: OrderPatch = { intentStatus: intent.status, paymentIntentId: intent.id };
  // A subscription's first payment: the invoice events settle the order; a failure still shows.
  if (order.mode === 'subscription') {
    return type === 'payment_intent.payment_failed' ? failedUnlessSettled(order, base) : order.status === 'pending' ? base : null;
  }
  const priced = intent.currency === order.currency;
  switch (type) {
    case 'payment_intent.succeeded':
      // A paid order must be paid what the server priced; anything else goes to a person.
      if (order.status === 'paid') return null;
      return { ...base, status: priced && intent.amount_received === order.amount ? 'paid' : 'needs_review' };
    case 'payment_intent.amount_capturable_updated':
      if (order.status !== 'pending') return null;
      return { ...base, status: priced && intent.amount_capturable === order.amount ? 'authorized' : 'needs_review' };
    case 'payment_intent.payment_failed':
      return failedUnlessSettled(order, base);
    case 'payment_intent.canceled':
      return order.status === 'paid' || order.status === 'canceled' ? null : { ...base, status: 'canceled' };
    case 'payment_intent.processing':
    case 'payment_intent.requires_action':
      return order.status === 'pending' ? base : null;
    default:
      return null;
  }
}

function setupIntentPatch(type: string, intent: Stripe.SetupIntent, order: Order): OrderPatch | null {
  const paymentMethodId = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
  const base: OrderPatch = { intentStatus: intent.status, setupIntentId: intent.id, ...(paymentMethodId ? { paymentMethodId } : {}) };
  switch (type) {
    case 'setup_intent.succeeded':
      return order.status === 'saved' ? null : { ...base, status: 'saved' };
    case 'setup_intent.setup_failed':
      return failedUnlessSettled(order, base);
    case 'setup_intent.canceled':
      return order.status === 'saved' ? null : { ...base, status: 'canceled' };
    case 'setup_intent.requires_action':
      return order.status === 'pending' ? base : null;
    default:
      return null;
  }
}

/** The subscription an invoice bills, as this API version names it (`parent.subscription_details`). */
function invoiceSubscription(invoice: Stripe.Invoice): { id: string; metadata: Stripe.Metadata | null } | null {
  const details = invoice.parent?.subscription_details;
  const subscription = details?.subscription;
  if (!subscription) return null;
  return { id: typeof subscription === 'string' ? subscription : subscription.id, metadata: details.metadata ?? null };
}

function invoicePatch(type: string, invoice: Stripe.Invoice, order: Order): OrderPatch | null {
  switch (type) {
    case 'invoice.paid':
      if (order.status === 'active') return null;
      // Only the first invoice makes an order active; its amount is the one the server priced.
      return { status: invoice.amount_paid === order.amount && invoice.currency === order.currency ? 'active' : 'needs_review' };
    case 'invoice.payment_failed':
      return failedUnlessSettled(order, {});
    default:
      return null;
  }
}

function subscriptionPatch(type: string, subscription: Stripe.Subscription, order: Order): OrderPatch | null {
  const ended = type === 'customer.subscription.deleted' || ['canceled', 'incomplete_expired'].includes(subscription.status);
  return ended && order.status !== 'canceled' ? { status: 'canceled', subscriptionId: subscription.id } : null;
}

/** Finds the order an event is about and what the event means for it. */
async function locate(orders: OrderWriter, event: Stripe.Event): Promise<Located | null> {
  const object = event.data?.object as { object?: string } | null | undefined;
  if (!object || typeof object !== 'object') return null;
  const found = async (order: Order | null, patch: (order: Order) => OrderPatch | null) => (order ? { order, patch: patch(order) } : null);
  switch (object.object) {
    case 'payment_intent': {
      const intent = object as Stripe.PaymentIntent;
      return found(await orderOf(orders, intent), (order) => paymentIntentPatch(event.type, intent, order));
    }
    case 'setup_intent': {
      const intent = object as Stripe.SetupIntent;
      return found(await orderOf(orders, intent), (order) => setupIntentPatch(event.type, intent, order));
    }
    case 'invoice': {
      const invoice = object as Stripe.Invoice;
      const subscription = invoiceSubscription(invoice);
      if (!subscription) return null;
      return found(await orderOf(orders, subscription), (order) => invoicePatch(event.type, invoice, order));
    }
    case 'subscription': {
      const subscription = object as Stripe.Subscription;
      return found(await orderOf(orders, subscription), (order) => subscriptionPatch(event.type, subscription, order));
    }
    default:
      return null;
  }
}

/** Applies one verified event to the order it names. Events for other objects are acknowledged. */
export async function applyStripeEvent(orders: OrderWriter, event: Stripe.Event): Promise<void> {
  const located = await locate(orders, event);
  if (located?.patch) await orders.updateOrder(located.order.id, located.patch, `${event.type} ${event.id}`);
}
