import { Hono } from 'hono';
import type { PaymentLookup, PublicConfig } from '../../protocol/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';

/** Read-only routes the widget calls before a payment. Nothing secret leaves here. */
export function storefrontRoutes({ store, pricing, config }: AppDeps) {
  return new Hono()
    .get('/api/config', (c) => {
      const body: PublicConfig = {
        publishableKey: config.publishableKey,
        sandbox: config.sandbox,
        ...(config.sandbox ? { sandboxStripeJsUrl: new URL('/sandbox/stripe.js', c.req.url).href } : {}),
      };
      return c.json(body);
    })
    .get('/api/quote', (c) => c.json(pricing.quote({ item: c.req.query('item') })))
    .get('/api/payments/:paymentIntentId', async (c) => {
      const order = await store.findOrderByPaymentIntent(c.req.param('paymentIntentId'));
      if (!order) throw new ApiError(404, 'invalid_request_error', 'payment_not_found', 'There is no order for this payment.');
      const body: PaymentLookup = { orderId: order.id, item: order.item, status: order.status };
      return c.json(body);
    })
    .get('/api/orders/:id', async (c) => {
      // Order ids are unguessable; the answer carries no personal data.
      const order = await store.findOrder(c.req.param('id'));
      if (!order) throw new ApiError(404, 'invalid_request_error', 'order_not_found', 'There is no such order.');
      const { id, status, amount, currency, item, paymentIntentId } = order;
      return c.json({ id, status, amount, currency, item, paymentIntentId });
    });
}
