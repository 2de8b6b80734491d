import { Hono } from 'hono';
import type { PaymentLookup } from '../../protocol/index.ts';
import { publicConfigOf } from '../widget-script.ts';
import type { AppDeps } from '../deps.ts';
import type { Order } from '../store/types.ts';
import { ApiError } from '../errors.ts';
import { quoteForOrder } from '../intents/recover.ts';
import { parseQuoteRequest } from '../pricing/index.ts';

/**
 * Ids by their shape, checked before any query: anything else (a NUL byte, megabytes of junk)
 * cannot name a row, so it gets the same 404 without reaching the database.
 */
const ORDER_ID = /^ord_[A-Za-z0-9]{1,64}$/;
const INTENT_ID = /^(pi|seti)_[A-Za-z0-9_]{1,255}$/;

/** Read-only routes the widget calls before and after a payment. Nothing secret leaves here. */
export function storefrontRoutes({ stripe, store, pricing, config, reconciler }: AppDeps) {
  // A pending order read long after its checkout asks Stripe, in case its webhook never came.
  const fresh = async (order: Order | null) => (order && reconciler ? reconciler.order(order) : order);
  return new Hono()
    .get('/api/config', (c) => c.json(publicConfigOf(config, new URL('/sandbox/stripe.js', c.req.url).href)))
    .get('/api/quote', async (c) => {
      const request = parseQuoteRequest(c.req.query());
      return c.json(request.order ? await quoteForOrder({ stripe, store }, request.order) : await pricing.quote(request));
    })
    .get('/api/payments/:intentId', async (c) => {
      // A PaymentIntent or SetupIntent id, as a redirect-based method's return_url carries it.
      const intentId = c.req.param('intentId');
      const order = INTENT_ID.test(intentId) ? await fresh(await store.findOrderByStripeId(intentId)) : null;
      if (!order) throw new ApiError(404, 'invalid_request_error', 'payment_not_found', 'There is no order for this payment.');
      const body: PaymentLookup = {
        orderId: order.id,
        item: order.item,
        mode: order.mode,
        status: order.status,
        ...(order.subscriptionId ? { subscriptionId: order.subscriptionId } : {}),
        ...(order.customerId ? { customerId: order.customerId } : {}),
      };
      return c.json(body);
    })
    .get('/api/orders/:id', async (c) => {
      // Order ids are unguessable; the answer carries no personal data.
      const orderId = c.req.param('id');
      const order = ORDER_ID.test(orderId) ? await fresh(await store.findOrder(orderId)) : null;
      if (!order) throw new ApiError(404, 'invalid_request_error', 'order_not_found', 'There is no such order.');
      const { id, mode, status, amount, currency, item, name, paymentIntentId, setupIntentId, subscriptionId } = order;
      return c.json({ id, mode, status, amount, currency, item, name, paymentIntentId, setupIntentId, subscriptionId });
    });
}
