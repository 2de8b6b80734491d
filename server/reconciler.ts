import type Stripe from 'stripe';
import type { Order, Store } from './store/types.ts';
import { applyStripeEvent } from './webhook-events.ts';

/** The events that move orders (webhook-events.ts); the sweep asks Stripe for these. */
const ORDER_EVENTS = [
  'payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled', 'payment_intent.amount_capturable_updated',
  'payment_intent.processing', 'setup_intent.succeeded', 'setup_intent.setup_failed', 'setup_intent.canceled', 'invoice.paid',
  'invoice.payment_failed', 'customer.subscription.updated', 'customer.subscription.deleted', 'checkout.session.completed',
  'checkout.session.expired', 'charge.refunded',
];

/** Orders the reconciler may still move; the rest are settled by their own events. */
const WAITING: ReadonlySet<Order['status']> = new Set(['pending', 'action_required', 'authorized']);

export interface ReconcilerOptions {
  /** An order is asked about only once it has waited this long for its webhook. */
  minAgeMs?: number;
  /** At most one look at Stripe per order in this time, however often the order is read. */
  throttleMs?: number;
  /** A pending order no Stripe object names is expired after this (a ConfirmationToken lives 12 h). */
  expireAfterMs?: number;
  /** The sweep re-reads this far behind its cursor: events are not always listed in delivery order. */
  overlapSeconds?: number;
  now?: () => number;
}

export interface SweepReport {
  /** Events listed since the cursor, and how many of them were new to us. */
  events: number;
  applied: number;
  /** Waiting orders looked up one by one, and orders expired without ever reaching Stripe. */
  reconciled: number;
  expired: number;
}

export interface Reconciler {
  /** Brings one order in line with Stripe when it has waited long enough; returns it as it now is. */
  order(order: Order, force?: boolean): Promise<Order>;
  /** Applies the events Stripe has that the webhook never brought, then looks at what still waits. */
  sweep(): Promise<SweepReport>;
}

type EventLike = Pick<Stripe.Event, 'id' | 'type'> & { data: { object: unknown } };

/**
 * The second way an order learns its outcome (ARCHITECTURE.md § The merchant's side): it asks
 * Stripe, and applies what it learns through the webhook's own apply-once path, so a webhook that
 * arrives later changes nothing. It covers a dropped webhook, failed deliveries, and a crash
 * between Stripe's answer and the store write (the intent's metadata names the order).
 */
export function createReconciler({ stripe, store }: { stripe: Stripe; store: Store }, options: ReconcilerOptions = {}): Reconciler {
  const { minAgeMs = 10_000, throttleMs = 15_000, expireAfterMs = 24 * 3600_000, overlapSeconds = 300, now = Date.now } = options;
  const lastLook = new Map<string, number>();

  const apply = (event: EventLike) =>
    store.processEventOnce(event.id, event.type, (orders) => applyStripeEvent(orders, event as Stripe.Event, stripe));

  /** What Stripe's objects say now, as the events that would have said it (ids mark them as ours). */
  async function currentEvents(order: Order): Promise<EventLike[]> {
    const events: EventLike[] = [];
    const add = (type: string | null, object: { id: string; status?: string | null }) => {
      if (type) events.push({ id: `reconcile_${object.id}_${object.status}`, type: type as Stripe.Event['type'], data: { object } });
    };
    if (order.checkoutSessionId) {
      const session = await stripe.checkout.sessions.retrieve(order.checkoutSessionId);
      add(session.status === 'complete' ? 'checkout.session.completed' : session.status === 'expired' ? 'checkout.session.expired' : null, session);
    }
    if (order.subscriptionId) {
      const subscription = await stripe.subscriptions.retrieve(order.subscriptionId, { expand: ['latest_invoice'] });
      const invoice = subscription.latest_invoice as Stripe.Invoice | null;
      if (invoice?.status === 'paid') add('invoice.paid', invoice as Stripe.Invoice & { status: string });
      if (['canceled', 'incomplete_expired'].includes(subscription.status)) add('customer.subscription.deleted', subscription);
    } else if (order.paymentIntentId) {
      const intent = await stripe.paymentIntents.retrieve(order.paymentIntentId);
      const failed = intent.status === 'requires_payment_method' && intent.last_payment_error;
      add(
        { succeeded: 'payment_intent.succeeded', requires_capture: 'payment_intent.amount_capturable_updated', canceled: 'payment_intent.canceled', processing: 'payment_intent.processing' }[intent.status as string] ??
          (failed ? 'payment_intent.payment_failed' : null),
        intent,
      );
    }
    if (order.setupIntentId) {
      const intent = await stripe.setupIntents.retrieve(order.setupIntentId);
      const failed = intent.status === 'requires_payment_method' && intent.last_setup_error;
      add({ succeeded: 'setup_intent.succeeded', canceled: 'setup_intent.canceled' }[intent.status as string] ?? (failed ? 'setup_intent.setup_failed' : null), intent);
    }
    return events;
  }

  async function reconcileOrder(order: Order, force = false): Promise<Order> {
    const waited = now() - order.updatedAt.getTime();
    if (!WAITING.has(order.status) || (!force && (waited < minAgeMs || now() - (lastLook.get(order.id) ?? 0) < throttleMs))) return order;
    lastLook.set(order.id, now());
    try {
      for (const event of await currentEvents(order)) await apply(event);
    } catch (err) {
      // Stripe unreachable: the order stays as it is, and the next look tries again.
      console.error('[link-checkout] reconciler could not reach Stripe for', order.id, (err as Error).message);
      return order;
    }
    return (await store.findOrder(order.id)) ?? order;
  }

  return {
    order: reconcileOrder,
    async sweep() {
      const report: SweepReport = { events: 0, applied: 0, reconciled: 0, expired: 0 };
      const cursor = Number((await store.getState('events_cursor')) ?? Math.floor(now() / 1000) - 3 * 86400);
      const since = cursor - overlapSeconds;
      const missed: Stripe.Event[] = [];
      // Newest first: page back until the events are older than the cursor (less the overlap).
      for await (const event of stripe.events.list({ types: ORDER_EVENTS, limit: 100 })) {
        if (event.created < since) break;
        missed.push(event);
      }
      report.events = missed.length;
      for (const event of missed.reverse()) if (await apply(event)) report.applied++;
      const newest = missed.at(-1)?.created;
      if (newest && newest > cursor) await store.setState('events_cursor', String(newest));

      for (const order of await store.staleOrders(new Date(now() - minAgeMs), 200)) {
        const knownToStripe = order.paymentIntentId || order.setupIntentId || order.subscriptionId || order.checkoutSessionId;
        if (knownToStripe) {
          const before = order.status;
          if ((await reconcileOrder(order, true)).status !== before) report.reconciled++;
        } else if (order.status === 'pending' && now() - order.createdAt.getTime() > expireAfterMs) {
          await store.updateOrder(order.id, { status: 'canceled' }, 'reconciler: expired, never reached Stripe');
          report.expired++;
        }
      }
      return report;
    },
  };
}
