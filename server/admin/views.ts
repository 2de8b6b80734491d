import type { Context } from 'hono';
import type Stripe from 'stripe';
import type { AdminOrder, AdminOrderHistoryEntry, SavedPaymentMethod } from '../../protocol/admin.ts';
import { readJsonObject } from '../checkout-request.ts';
import type { ServerConfig } from '../deps.ts';
import { ApiError, fromStripeError, invalidRequest } from '../errors.ts';
import type { Order, OrderHistoryEntry, Store } from '../store/types.ts';

/** Where browsers reach this server: PUBLIC_URL, else the origin of the request. */
export const publicUrlOf = (c: Context, config: ServerConfig) => (config.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');

/** What the merchant can do to an order now: one rule, so the CLI and the page show the same buttons. */
function actionsOf(order: Order): AdminOrder['actions'] {
  const actions: AdminOrder['actions'] = [];
  const untouched = order.paymentIntentId && order.amountReceived === 0;
  const authorized = order.status === 'authorized' || (order.status === 'needs_review' && order.captureMethod === 'manual' && untouched);
  if (authorized) actions.push('capture');
  if ((untouched && ['authorized', 'pending', 'action_required', 'needs_review'].includes(order.status)) || (order.mode === 'subscription' && order.status === 'active')) actions.push('cancel');
  if (['paid', 'active', 'needs_review'].includes(order.status) && order.amountReceived > order.amountRefunded) actions.push('refund');
  return actions;
}

export function adminOrder(order: Order, publicUrl: string): AdminOrder {
  const { priceRule, createdAt, updatedAt, attemptId: _, interval: __, intentStatus: ___, ...rest } = order;
  return {
    ...rest,
    source: priceRule,
    actions: actionsOf(order),
    amountRefundable: Math.max(0, order.amountReceived - order.amountRefunded),
    recoveryUrl: order.status === 'action_required' ? `${publicUrl}/pay/${order.id}` : null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export const adminHistory = (history: OrderHistoryEntry[]): AdminOrderHistoryEntry[] =>
  history.map((entry) => ({ ...entry, at: entry.at.toISOString() }));

const ORDER_ID = /^ord_[A-Za-z0-9]{1,40}$/;

export async function orderOr404(store: Store, id: string): Promise<Order> {
  const order = ORDER_ID.test(id) ? await store.findOrder(id) : null;
  if (!order) throw new ApiError(404, 'invalid_request_error', 'order_not_found', `There is no order ${id.slice(0, 60)}.`);
  return order;
}

/** A JSON body; an empty one is `{}` (actions like cancel take none). */
export async function adminBody(c: Context): Promise<Record<string, unknown>> {
  if (!c.req.header('content-length') && !c.req.header('content-type')) return {};
  return readJsonObject(c);
}

/** `amount` in minor units, if given: a positive whole number. */
export function optionalAmount(body: Record<string, unknown>): number | undefined {
  const { amount } = body;
  if (amount === undefined || amount === null) return undefined;
  if (!Number.isSafeInteger(amount) || (amount as number) < 1) throw invalidRequest('parameter_invalid', 'amount must be a positive whole number of minor units.', 'amount');
  return amount as number;
}

/**
 * The Stripe idempotency key of an admin action: the client's Idempotency-Key when it sent one
 * (a retry of the same click), else derived from the request itself. Either way a retried refund
 * or charge is one refund or charge; a second, deliberate one needs another key.
 */
export async function actionKey(c: Context, action: string, target: string, body: unknown): Promise<string> {
  const given = c.req.header('idempotency-key');
  if (given && !/^[\x21-\x7e]{1,200}$/.test(given)) throw invalidRequest('parameter_invalid', 'Idempotency-Key must be 1 to 200 visible ASCII characters.');
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(body)));
  const digest = Array.from(new Uint8Array(hash).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
  return `link-checkout:admin:${action}:${target}:${given ?? digest}`;
}

/**
 * A merchant action replayed by its Idempotency-Key: a retry after a lost answer gets the first
 * answer again, not a 409 for the state the first request left the order in.
 */
export async function replayable(c: Context, store: Store, scope: string, run: () => Promise<Response>): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (!key) return run();
  // Encoded: the scope holds a raw path segment, and PostgreSQL text refuses a NUL.
  const name = `admin-reply:${encodeURIComponent(scope)}:${encodeURIComponent(key)}`;
  const saved = await store.getState(name);
  if (saved) {
    const { status, body } = JSON.parse(saved) as { status: number; body: unknown };
    return c.json(body, status as 200);
  }
  const response = await run();
  // Done, or declined: both are final answers. Bad input may be corrected and sent again.
  if (response.status < 300 || response.status === 402) await store.setState(name, JSON.stringify({ status: response.status, body: await response.clone().json() }));
  return response;
}

/** Stripe's refusal of a merchant action, in Stripe's own words: the merchant is the reader here. */
export function adminStripeError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const error = fromStripeError(err);
  const raw = err as { message?: string; param?: string };
  if (error.type !== 'invalid_request_error' || !raw.message) return error;
  return new ApiError(error.status, error.type, error.code, raw.message, raw.param ? { param: raw.param } : {});
}

/** What a merchant reads for a saved method: a card's brand and last four, or Link with its email. */
export function savedMethod(method: Stripe.PaymentMethod, defaultId: string | null): SavedPaymentMethod {
  let display: string = method.type;
  if (method.type === 'link') display = `Link (${method.link?.email ?? 'no email'})`;
  else if (method.card) {
    const brand = method.card.brand.charAt(0).toUpperCase() + method.card.brand.slice(1);
    display = `${brand} •••• ${method.card.last4} (${String(method.card.exp_month).padStart(2, '0')}/${String(method.card.exp_year).slice(-2)})`;
  }
  return { id: method.id, type: method.type, display, isDefault: method.id === defaultId };
}
