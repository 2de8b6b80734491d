import type Stripe from 'stripe';
import { chargePatch } from './admin/orders.ts';
import { completedSessionPatch } from './checkout-sessions.ts';
import type { Order, OrderError, OrderPatch, OrderStatus, OrderWriter } from './store/types.ts';

/**
 * The events a webhook endpoint for this server subscribes to (README: Webhook endpoint); the
 * sandbox subscribes its endpoint to the same. Events of other types would only be acknowledged.
 */
export const WEBHOOK_EVENTS: readonly string[] = [
  'payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled', 'payment_intent.processing',
  'payment_intent.requires_action', 'payment_intent.amount_capturable_updated',
  'setup_intent.succeeded', 'setup_intent.setup_failed', 'setup_intent.canceled', 'setup_intent.requires_action',
  'invoice.paid', 'invoice.payment_failed', 'customer.subscription.updated', 'customer.subscription.deleted',
  'checkout.session.completed', 'checkout.session.expired', 'charge.refunded', 'payment_method.detached',
];

/** Statuses a failure may no longer move an order out of (a refund is its own event). */
const SETTLED: ReadonlySet<OrderStatus> = new Set(['paid', 'saved', 'active', 'canceled', 'needs_review', 'refunded']);

/** Only a pending (or authorized) order learns a failure; a late failure never undoes a success. */
const failedUnlessSettled = (order: Order, patch: OrderPatch): OrderPatch | null =>
  SETTLED.has(order.status) ? null : { ...patch, status: 'failed' };

interface Located {
  order: Order;
  patch: OrderPatch | null;
}

/**
 * A Payment Link purchase has no order yet: the completed session makes one. Stripe copies the
 * link's metadata onto its sessions; the link itself is asked when a session lacks it.
 */
async function paymentLinkOrder(orders: OrderWriter, session: Stripe.Checkout.Session, stripe: Stripe): Promise<Order | null> {
  if (!session.payment_link || session.metadata?.order_id) return null;
  const linkId = typeof session.payment_link === 'string' ? session.payment_link : session.payment_link.id;
  const metadata = session.metadata?.item ? session.metadata : (await stripe.paymentLinks.retrieve(linkId)).metadata;
  const { order } = await orders.createOrder({
    attemptId: session.id,
    mode: session.mode === 'subscription' ? 'subscription' : 'payment',
    priceRule: 'payment_link',
    item: metadata?.item ?? null,
    name: metadata?.name ?? 'Payment Link purchase',
    amount: session.amount_total ?? 0,
    currency: session.currency ?? 'usd',
    interval: null,
    email: session.customer_details?.email ?? session.customer_email ?? null,
    captureMethod: 'automatic',
    checkoutSessionId: session.id,
  });
  return order;
}

/** The order a Stripe object belongs to: by the order id we put in its metadata, else by its id. */
/** The Stripe id an order keeps for each kind of object its events carry. */
const ID_FIELD = { pi_: 'paymentIntentId', seti_: 'setupIntentId', sub_: 'subscriptionId', cs_: 'checkoutSessionId' } as const;

/**
 * The order a Stripe object belongs to. The order that already records the object's id wins;
 * the order id in its metadata is trusted only if that order records no other object of the kind,
 * so an event cannot pin one order's payment on another.
 */
async function orderOf(orders: OrderWriter, object: { id: unknown; metadata?: Stripe.Metadata | null }): Promise<Order | null> {
  const { id } = object;
  if (typeof id !== 'string') return null;
  const recorded = await orders.findOrderByStripeId(id);
  if (recorded) return recorded;
  const orderId = object.metadata?.order_id;
  const claimed = typeof orderId === 'string' ? await orders.findOrder(orderId) : null;
  const field = Object.entries(ID_FIELD).find(([prefix]) => id.startsWith(prefix))?.[1];
  return claimed && field && claimed[field] && claimed[field] !== id ? null : claimed;
}

function paymentIntentPatch(type: string, intent: Stripe.PaymentIntent, order: Order): OrderPatch | null {
  const base: OrderPatch = { intentStatus: intent.status, paymentIntentId: intent.id };
  // A subscription's first payment: the invoice events settle the order; a failure still shows.
  if (order.mode === 'subscription') {
    return type === 'payment_intent.payment_failed' ? failedUnlessSettled(order, base) : order.status === 'pending' ? base : null;
  }
  const priced = intent.currency === order.currency;
  switch (type) {
    case 'payment_intent.succeeded': {
      if (order.status === 'paid' || order.status === 'refunded') return null;
      // A paid order must be paid what the server priced; anything else goes to a person. Only the
      // merchant can capture less than was authorized (with the secret key), so that counts as paid.
      const received = intent.amount_received;
      const partialCapture = order.captureMethod === 'manual' && received > 0 && received <= order.amount;
      return { ...base, amountReceived: received, status: priced && (received === order.amount || partialCapture) ? 'paid' : 'needs_review' };
    }
    case 'payment_intent.amount_capturable_updated':
      if (order.status !== 'pending') return null;
      return { ...base, status: priced && intent.amount_capturable === order.amount ? 'authorized' : 'needs_review' };
    case 'payment_intent.payment_failed': {
      const error = intent.last_payment_error;
      const lastError: OrderError | undefined = error?.code ? { code: error.code, message: error.message ?? error.code, ...(error.decline_code ? { declineCode: error.decline_code } : {}) } : undefined;
      // An off-session charge the bank wants the customer to authenticate can still be completed.
      if (error?.code === 'authentication_required' && !SETTLED.has(order.status)) return { ...base, lastError, status: 'action_required' };
      return failedUnlessSettled(order, { ...base, ...(lastError ? { lastError } : {}) });
    }
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
function invoiceSubscription(invoice: Stripe.Invoice): { id: unknown; metadata: Stripe.Metadata | null } | null {
  const details = invoice.parent?.subscription_details;
  const subscription = details?.subscription;
  if (!subscription) return null;
  return { id: typeof subscription === 'object' ? subscription.id : subscription, metadata: details.metadata ?? null };
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
async function locate(orders: OrderWriter, event: Stripe.Event, stripe: Stripe): Promise<Located | null> {
  const object = event.data?.object as { object?: string } | null | undefined;
  if (!object || typeof object !== 'object') return null;
  const found = async (order: Order | null, patch: (order: Order) => OrderPatch | null | Promise<OrderPatch | null>) => (order ? { order, patch: await patch(order) } : null);
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
    case 'checkout.session': {
      const session = object as Stripe.Checkout.Session;
      const order = (await orderOf(orders, session)) ?? (event.type === 'checkout.session.completed' ? await paymentLinkOrder(orders, session, stripe) : null);
      return found(order, (order) => {
        if (event.type === 'checkout.session.expired') return order.status === 'pending' ? { status: 'canceled', checkoutSessionId: session.id } : null;
        if (event.type !== 'checkout.session.completed') return null;
        // A setup's SetupIntent event may come first and save the order; the default method is still to be set.
        const open = order.status === 'pending' || (session.mode === 'setup' && order.status === 'saved');
        return open ? completedSessionPatch(stripe, session, order) : null;
      });
    }
    case 'charge': {
      // charge.refunded: the amounts received and refunded, and `refunded` once all of it is.
      const charge = object as Stripe.Charge;
      const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      if (event.type !== 'charge.refunded' || !intentId) return null;
      return found(await orders.findOrderByStripeId(intentId), (order) => chargePatch(charge, order));
    }
    default:
      return null;
  }
}

/**
 * Applies one verified event to the order it names. Events for other objects (e.g.
 * payment_method.detached: Stripe holds saved methods, the store does not) are acknowledged.
 */
export async function applyStripeEvent(orders: OrderWriter, event: Stripe.Event, stripe: Stripe): Promise<void> {
  const located = await locate(orders, event, stripe);
  if (located?.patch) await orders.updateOrder(located.order.id, located.patch, `${event.type} ${event.id}`);
}
