import type { AdminOrder, AdminOrderDetail, AdminOrderList } from '../protocol/admin.ts';
import { given, minorUnits, positionalArgs, type Command } from './args.ts';
import { segment } from './client.ts';
import { fields, money, table, when } from './format.ts';

const orderAmount = (order: AdminOrder) => (order.mode === 'setup' ? '-' : money(order.amount, order.currency));

export function ordersTable(orders: AdminOrder[]): string {
  if (!orders.length) return 'No orders match.';
  return table(['id', 'created (UTC)', 'status', 'mode', 'amount', 'email'], orders.map((order) => [order.id, when(order.createdAt), order.status, order.mode, orderAmount(order), order.email ?? '']));
}

/** An order and its history, as `orders show` and every action print it. */
export function orderText({ order, history }: AdminOrderDetail): string {
  const paid = order.mode === 'setup' ? null : `${money(order.amount, order.currency)} (received ${money(order.amountReceived, order.currency)}, refunded ${money(order.amountRefunded, order.currency)})`;
  const summary = fields([
    ['order', order.id],
    ['status', order.status],
    ['mode', `${order.mode}, ${order.source}${order.captureMethod === 'manual' ? ', manual capture' : ''}`],
    ['item', order.name ? `${order.name}${order.item ? ` (${order.item})` : ''}` : order.item],
    ['amount', paid],
    ['email', order.email],
    ['customer', order.customerId],
    ['payment', order.paymentIntentId ?? order.setupIntentId],
    ['method', order.paymentMethodId],
    ['subscription', order.subscriptionId],
    ['session', order.checkoutSessionId],
    ['last error', order.lastError && `${order.lastError.message} (${[order.lastError.code, order.lastError.declineCode].filter(Boolean).join(' / ')})`],
    ['recovery', order.recoveryUrl],
    ['created', `${when(order.createdAt)} UTC`],
    ['updated', `${when(order.updatedAt)} UTC`],
  ]);
  const changes = table(['at (UTC)', 'from', 'to', 'cause'], history.map((entry) => [when(entry.at), entry.from ?? '-', entry.to, entry.cause]));
  return `${summary}\n\nHistory\n${changes}`;
}

export const ordersList: Command = {
  summary: 'List orders, newest first (filters, pages)',
  usage: `link-checkout orders list [--status S] [--mode M] [--email E] [--customer cus_…] [--from DATE] [--to DATE] [--limit N] [--starting-after ord_…] [--all] [--json]

  --status          pending, paid, authorized, saved, active, action_required, refunded, failed, canceled, needs_review
  --mode            payment, setup or subscription
  --email           the customer's email (any case)
  --customer        a Customer id (cus_…)
  --from, --to      created at or after --from and before --to: 2026-11-23 or an ISO timestamp (UTC)
  --limit           orders per page, 1 to 100 (default 20; 100 with --all)
  --starting-after  the page after this order (the cursor the previous page printed)
  --all             every page, following the cursor (--json prints them as one list)`,
  admin: true,
  options: {
    status: { type: 'string' }, mode: { type: 'string' }, email: { type: 'string' }, customer: { type: 'string' },
    from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, 'starting-after': { type: 'string' }, all: { type: 'boolean' },
  },
  async run({ values, positionals, api }) {
    positionalArgs(positionals);
    const query = {
      ...given(values, { status: 'status', mode: 'mode', email: 'email', customer: 'customer', from: 'created_from', to: 'created_to', limit: 'limit', 'starting-after': 'starting_after' }),
      ...(values.all && values.limit === undefined ? { limit: '100' } : {}),
    };
    let page = await api().get<AdminOrderList>('/orders', query);
    const orders = [...page.data];
    while (values.all && page.nextCursor) {
      page = await api().get<AdminOrderList>('/orders', { ...query, starting_after: page.nextCursor });
      orders.push(...page.data);
    }
    const list: AdminOrderList = values.all ? { data: orders, nextCursor: null } : page;
    const more = list.nextCursor ? `\n\nMore: --starting-after ${list.nextCursor} (or --all)` : '';
    return { json: list, text: ordersTable(list.data) + more };
  },
};

export const ordersShow: Command = {
  summary: 'Show an order and its history',
  usage: 'link-checkout orders show <orderId> [--json]',
  admin: true,
  options: {},
  async run({ positionals, api }) {
    const [orderId] = positionalArgs(positionals, '<orderId>');
    const detail = await api().get<AdminOrderDetail>(`/orders/${segment(orderId!)}`);
    return { json: detail, text: orderText(detail) };
  },
};

/** capture, cancel and refund: a POST on the order, answered with the order and its history. */
function orderAction(action: 'capture' | 'cancel' | 'refund', summary: string, usage: string, done: (detail: AdminOrderDetail) => string): Command {
  const takesAmount = action !== 'cancel';
  return {
    summary,
    usage,
    admin: true,
    options: takesAmount ? { amount: { type: 'string' } } : {},
    async run({ values, positionals, api }) {
      const [orderId] = positionalArgs(positionals, '<orderId>');
      const body = values.amount === undefined ? {} : { amount: minorUnits(values.amount, '--amount') };
      const detail = await api().post<AdminOrderDetail>(`/orders/${segment(orderId!)}/${action}`, body);
      return { json: detail, text: `${done(detail)}\n\n${orderText(detail)}` };
    },
  };
}

export const capture = orderAction(
  'capture',
  'Capture an authorized payment (all of it, or --amount less)',
  `link-checkout capture <orderId> [--amount N] [--json]

  --amount  minor units to capture, at most what was authorized (default: all of it; the rest is released)`,
  ({ order }) => `Captured ${money(order.amountReceived, order.currency)} of ${order.id}: it is ${order.status}.`,
);

export const cancel = orderAction(
  'cancel',
  'Cancel an authorization, an unfinished payment or an active subscription',
  'link-checkout cancel <orderId> [--json]',
  ({ order }) => `Canceled ${order.id}: it is ${order.status}.`,
);

export const refund = orderAction(
  'refund',
  'Refund a paid order (all that is left, or --amount)',
  `link-checkout refund <orderId> [--amount N] [--json]

  --amount  minor units to refund (default: all that is left to refund)`,
  ({ order }) => `Refunded ${order.id}: ${money(order.amountRefunded, order.currency)} of ${money(order.amountReceived, order.currency)} so far; it is ${order.status}.`,
);
