import { randomId } from '../../server/ids.ts';
import type { Order, OrderWriter, Store } from '../../server/store/types.ts';

/**
 * A diagnostic, not a store: orders and event ids in Maps, nothing durable, no history. The bench
 * runs ours on it to show what checkout costs without a database (BENCH_STORE=map in ours.ts).
 */
export function mapStore(): Store {
  const orders = new Map<string, Order>();
  const byAttempt = new Map<string, Order>();
  const byStripeId = new Map<string, Order>();
  const events = new Set<string>();
  const writer: OrderWriter = {
    findOrder: async (id) => orders.get(id) ?? null,
    findOrderByStripeId: async (id) => byStripeId.get(id) ?? null,
    async updateOrder(id, patch) {
      const order = orders.get(id);
      if (!order) return null;
      for (const [key, value] of Object.entries(patch)) if (value !== null && value !== undefined) (order as unknown as Record<string, unknown>)[key] = value;
      for (const stripeId of [order.paymentIntentId, order.setupIntentId, order.subscriptionId, order.checkoutSessionId]) if (stripeId) byStripeId.set(stripeId, order);
      order.updatedAt = new Date();
      return { ...order };
    },
    async createOrder(input) {
      const existing = byAttempt.get(input.attemptId);
      if (existing) return { order: { ...existing }, created: false };
      const now = new Date();
      const order: Order = {
        ...input, id: randomId('ord'), status: 'pending', intentStatus: null, customerId: input.customerId ?? null, paymentIntentId: null, setupIntentId: null,
        subscriptionId: null, paymentMethodId: null, checkoutSessionId: input.checkoutSessionId ?? null, amountReceived: 0, amountRefunded: 0, lastError: null, createdAt: now, updatedAt: now,
      };
      orders.set(order.id, order);
      byAttempt.set(order.attemptId, order);
      return { order: { ...order }, created: true };
    },
  };
  return {
    ...writer,
    listOrders: async () => ({ orders: [], hasMore: false }),
    orderHistory: async () => [],
    discardOrder: async (id) => orders.delete(id),
    staleOrders: async () => [],
    getState: async () => null,
    setState: async () => {},
    async processEventOnce(eventId, _type, apply) {
      if (events.has(eventId)) return false;
      await apply(writer);
      events.add(eventId);
      return true;
    },
    hitRateLimit: async () => ({ hits: 1, resetAt: new Date() }),
    unhitRateLimit: async () => {},
    ping: async () => {},
    close: async () => {},
  };
}
