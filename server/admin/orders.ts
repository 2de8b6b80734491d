import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { AdminOrderDetail, AdminOrderList } from '../../protocol/admin.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, fromStripeError, invalidRequest } from '../errors.ts';
import type { Order, OrderFilter, OrderPatch, OrderStatus } from '../store/types.ts';
import { actionKey, adminBody, adminHistory, adminOrder, optionalAmount, orderOr404, publicUrlOf } from './views.ts';

const STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'authorized', 'saved', 'active', 'action_required', 'refunded', 'failed', 'canceled', 'needs_review'];
const MODES = ['payment', 'setup', 'subscription'] as const;

const wrongState = (code: string, order: Order, what: string) =>
  new ApiError(409, 'invalid_request_error', code, `Order ${order.id} is ${order.status}; ${what}`);

function parseFilter(query: Record<string, string>): OrderFilter {
  const { status, mode, email, customer, created_from, created_to, limit = '20', starting_after } = query;
  if (status && !STATUSES.includes(status as OrderStatus)) throw invalidRequest('parameter_invalid', `status must be one of ${STATUSES.join(', ')}.`, 'status');
  if (mode && !MODES.includes(mode as (typeof MODES)[number])) throw invalidRequest('parameter_invalid', `mode must be one of ${MODES.join(', ')}.`, 'mode');
  if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 100) throw invalidRequest('parameter_invalid', 'limit must be 1 to 100.', 'limit');
  const date = (value: string | undefined, param: string) => {
    if (!value) return undefined;
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) throw invalidRequest('parameter_invalid', `${param} must be a date (2026-11-23 or an ISO timestamp).`, param);
    return parsed;
  };
  if (starting_after && !/^ord_[A-Za-z0-9]{1,40}$/.test(starting_after)) throw invalidRequest('parameter_invalid', 'starting_after must be an order id.', 'starting_after');
  return {
    ...(status ? { status: status as OrderStatus } : {}),
    ...(mode ? { mode: mode as OrderFilter['mode'] } : {}),
    ...(email ? { email } : {}),
    ...(customer ? { customerId: customer } : {}),
    ...(created_from ? { createdFrom: date(created_from, 'created_from') } : {}),
    ...(created_to ? { createdTo: date(created_to, 'created_to') } : {}),
    ...(starting_after ? { startingAfter: starting_after } : {}),
    limit: Number(limit),
  };
}

/** What the order learns from its PaymentIntent's latest charge: amounts received and refunded. */
export function chargePatch(charge: Stripe.Charge | null | undefined, order: Order): OrderPatch {
  if (!charge) return {};
  const refundedInFull = charge.amount_refunded > 0 && charge.amount_refunded >= charge.amount_captured;
  return {
    amountReceived: charge.amount_captured,
    amountRefunded: charge.amount_refunded,
    ...(refundedInFull && order.status !== 'refunded' ? { status: 'refunded' as const } : {}),
  };
}

async function intentOf(stripe: Stripe, order: Order): Promise<Stripe.PaymentIntent> {
  if (!order.paymentIntentId) throw wrongState('order_has_no_payment', order, 'it has no payment to act on.');
  return stripe.paymentIntents.retrieve(order.paymentIntentId, { expand: ['latest_charge'] });
}

/** Orders, and what a merchant does to a payment afterwards: capture, cancel, refund. */
export function adminOrderRoutes({ stripe, store, config, reconciler }: AppDeps) {
  const detail = async (order: Order, publicUrl: string): Promise<AdminOrderDetail> => ({
    order: adminOrder(order, publicUrl),
    history: adminHistory(await store.orderHistory(order.id)),
  });
  /** Runs a Stripe call for an admin action; its refusals come back as our JSON errors. */
  const stripeCall = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw err instanceof ApiError ? err : fromStripeError(err);
    }
  };

  return new Hono()
    .get('/orders', async (c) => {
      const { orders, hasMore } = await store.listOrders(parseFilter(c.req.query()));
      const publicUrl = publicUrlOf(c, config);
      const body: AdminOrderList = { data: orders.map((order) => adminOrder(order, publicUrl)), nextCursor: hasMore ? orders.at(-1)!.id : null };
      return c.json(body);
    })
    .get('/orders/:id', async (c) => c.json(await detail(await orderOr404(store, c.req.param('id')), publicUrlOf(c, config))))
    // Asks Stripe now about one order, or (below) sweeps every event the webhook may have missed.
    .post('/orders/:id/reconcile', async (c) => {
      const order = await orderOr404(store, c.req.param('id'));
      return c.json(await detail(await reconciler!.order(order, true), publicUrlOf(c, config)));
    })
    .post('/reconcile', async (c) => c.json(await reconciler!.sweep()))
    .post('/orders/:id/capture', async (c) => {
      const order = await orderOr404(store, c.req.param('id'));
      const body = await adminBody(c);
      const amount = optionalAmount(body);
      if (order.status !== 'authorized' && order.status !== 'needs_review') throw wrongState('order_not_capturable', order, 'only an authorized payment can be captured.');
      const intent = await stripeCall(() => intentOf(stripe, order));
      if (intent.status !== 'requires_capture') throw wrongState('order_not_capturable', order, `its payment is ${intent.status}, not awaiting capture.`);
      if (amount !== undefined && amount > intent.amount_capturable) {
        throw invalidRequest('amount_too_large', `At most ${intent.amount_capturable} can be captured.`, 'amount');
      }
      const key = await actionKey(c, 'capture', order.id, { amount });
      const captured = await stripeCall(() =>
        stripe.paymentIntents.capture(intent.id, { ...(amount ? { amount_to_capture: amount } : {}), expand: ['latest_charge'] }, { idempotencyKey: key }),
      );
      const patch = { ...chargePatch(captured.latest_charge as Stripe.Charge, order), intentStatus: captured.status, ...(captured.status === 'succeeded' ? { status: 'paid' as const } : {}) };
      const updated = await store.updateOrder(order.id, patch, `admin: capture ${captured.amount_received}`);
      return c.json(await detail(updated!, publicUrlOf(c, config)));
    })
    .post('/orders/:id/cancel', async (c) => {
      const order = await orderOr404(store, c.req.param('id'));
      if (order.mode === 'subscription' && order.subscriptionId && order.status === 'active') {
        await stripeCall(() => stripe.subscriptions.cancel(order.subscriptionId!, {}, { idempotencyKey: `link-checkout:admin:cancel:${order.id}` }));
        const updated = await store.updateOrder(order.id, { status: 'canceled' }, 'admin: cancel subscription');
        return c.json(await detail(updated!, publicUrlOf(c, config)));
      }
      if (!['authorized', 'pending', 'action_required', 'needs_review'].includes(order.status)) {
        throw wrongState('order_not_cancelable', order, 'only an authorized or unfinished payment (or an active subscription) can be canceled.');
      }
      const intent = await stripeCall(() => intentOf(stripe, order));
      if (['succeeded', 'canceled', 'processing'].includes(intent.status)) throw wrongState('order_not_cancelable', order, `its payment is ${intent.status}.`);
      const canceled = await stripeCall(() => stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: `link-checkout:admin:cancel:${order.id}` }));
      const updated = await store.updateOrder(order.id, { status: 'canceled', intentStatus: canceled.status }, 'admin: cancel');
      return c.json(await detail(updated!, publicUrlOf(c, config)));
    })
    .post('/orders/:id/refund', async (c) => {
      const order = await orderOr404(store, c.req.param('id'));
      const body = await adminBody(c);
      const amount = optionalAmount(body);
      if (!['paid', 'active', 'needs_review'].includes(order.status)) throw wrongState('order_not_refundable', order, 'only a paid order can be refunded.');
      const intent = await stripeCall(() => intentOf(stripe, order));
      const charge = intent.latest_charge as Stripe.Charge | null;
      const refundable = charge ? charge.amount_captured - charge.amount_refunded : 0;
      if (refundable <= 0) throw wrongState('order_not_refundable', order, 'nothing is left to refund.');
      if (amount !== undefined && amount > refundable) throw invalidRequest('amount_too_large', `At most ${refundable} can be refunded.`, 'amount');
      const key = await actionKey(c, 'refund', order.id, { amount });
      await stripeCall(() => stripe.refunds.create({ payment_intent: intent.id, ...(amount ? { amount } : {}), metadata: { order_id: order.id } }, { idempotencyKey: key }));
      const after = await stripeCall(() => intentOf(stripe, order));
      const updated = await store.updateOrder(order.id, chargePatch(after.latest_charge as Stripe.Charge, order), `admin: refund ${amount ?? refundable}`);
      return c.json(await detail(updated!, publicUrlOf(c, config)));
    });
}
