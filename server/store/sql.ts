import { randomId } from '../ids.ts';
import { RATE_LIMITS_MIGRATION, rateLimitCounters } from './rate-limits.ts';
import type { NewOrder, Order, OrderFilter, OrderHistoryEntry, OrderPatch, OrderWriter, Store } from './types.ts';

/** The little a SQL store needs of a PostgreSQL driver (PGlite, or a server's). */
export interface SqlClient {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}
export interface SqlDatabase extends SqlClient {
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Ordered and append-only: a deployed migration is never edited, only followed by a new one.
 * One statement per string, so drivers that use the extended query protocol can run them.
 */
const MIGRATIONS: string[][] = [
  [
    `create table orders (
       id text primary key,
       attempt_id text not null unique,
       item text not null,
       amount integer not null check (amount >= 0),
       currency text not null,
       email text,
       status text not null,
       intent_status text,
       payment_intent_id text unique,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
  ],
  [
    `create table processed_events (
       id text primary key,
       type text not null,
       processed_at timestamptz not null default now()
     )`,
  ],
  [
    `alter table orders add column mode text not null default 'payment'`,
    `alter table orders add column price_rule text not null default 'catalog'`,
    `alter table orders add column name text`,
    `alter table orders alter column item drop not null`,
    `alter table orders add column interval text`,
    `alter table orders add column capture_method text not null default 'automatic'`,
    `alter table orders add column customer_id text`,
    `alter table orders add column setup_intent_id text unique`,
    `alter table orders add column subscription_id text unique`,
    `alter table orders add column payment_method_id text`,
    `create table order_history (
       id bigint generated always as identity primary key,
       order_id text not null references orders (id),
       at timestamptz not null default now(),
       from_status text,
       to_status text not null,
       cause text not null
     )`,
    `create index order_history_order on order_history (order_id, id)`,
  ],
  [
    `alter table orders add column amount_received integer not null default 0`,
    `alter table orders add column amount_refunded integer not null default 0`,
    `alter table orders add column checkout_session_id text unique`,
    `alter table orders add column last_error jsonb`,
    `create index orders_newest on orders (created_at desc, id desc)`,
    `create index orders_customer on orders (customer_id)`,
    `create index orders_email on orders (lower(email))`,
  ],
  [
    `create table server_state (name text primary key, value text not null, updated_at timestamptz not null default now())`,
    `create index orders_pending on orders (status, created_at) where status = 'pending'`,
  ],
  RATE_LIMITS_MIGRATION,
];

/** Any constant; instances of this app agree on it so only one of them migrates at a time. */
const MIGRATION_LOCK = 7_240_114;

interface OrderRow {
  id: string;
  attempt_id: string;
  mode: Order['mode'];
  price_rule: Order['priceRule'];
  item: string | null;
  name: string | null;
  amount: number;
  currency: string;
  interval: Order['interval'];
  email: string | null;
  status: Order['status'];
  intent_status: string | null;
  capture_method: Order['captureMethod'];
  customer_id: string | null;
  payment_intent_id: string | null;
  setup_intent_id: string | null;
  subscription_id: string | null;
  payment_method_id: string | null;
  checkout_session_id: string | null;
  amount_received: number;
  amount_refunded: number;
  last_error: Order['lastError'] | string | null;
  created_at: Date;
  updated_at: Date;
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    attemptId: row.attempt_id,
    mode: row.mode,
    priceRule: row.price_rule,
    item: row.item,
    name: row.name,
    amount: row.amount,
    currency: row.currency,
    interval: row.interval,
    email: row.email,
    status: row.status,
    intentStatus: row.intent_status,
    captureMethod: row.capture_method,
    customerId: row.customer_id,
    paymentIntentId: row.payment_intent_id,
    setupIntentId: row.setup_intent_id,
    subscriptionId: row.subscription_id,
    paymentMethodId: row.payment_method_id,
    checkoutSessionId: row.checkout_session_id,
    amountReceived: row.amount_received,
    amountRefunded: row.amount_refunded,
    // Drivers differ: PGlite parses jsonb, some hand back text.
    lastError: typeof row.last_error === 'string' ? JSON.parse(row.last_error) : row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Which column holds a Stripe id, by its prefix; null for ids no order holds. */
function stripeIdColumn(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  if (id.startsWith('pi_')) return 'payment_intent_id';
  if (id.startsWith('seti_')) return 'setup_intent_id';
  if (id.startsWith('sub_')) return 'subscription_id';
  if (id.startsWith('cs_')) return 'checkout_session_id';
  return null;
}

/** Patchable fields and their columns; a null in the patch means "leave as is". */
const PATCH_COLUMNS: ReadonlyArray<[keyof OrderPatch, string]> = [
  ['status', 'status'],
  ['intentStatus', 'intent_status'],
  ['customerId', 'customer_id'],
  ['paymentIntentId', 'payment_intent_id'],
  ['setupIntentId', 'setup_intent_id'],
  ['subscriptionId', 'subscription_id'],
  ['paymentMethodId', 'payment_method_id'],
  ['checkoutSessionId', 'checkout_session_id'],
  ['amountReceived', 'amount_received'],
  ['amountRefunded', 'amount_refunded'],
  ['lastError', 'last_error'],
];
const PATCH_SET = PATCH_COLUMNS.map(([key, column], i) => `${column} = coalesce($${i + 2}${key === 'lastError' ? '::jsonb' : ''}, ${column})`).join(', ');
const patchValue = (patch: OrderPatch, key: keyof OrderPatch) => (key === 'lastError' && patch.lastError ? JSON.stringify(patch.lastError) : (patch[key] ?? null));

const INSERT_COLUMNS = ['id', 'attempt_id', 'mode', 'price_rule', 'item', 'name', 'amount', 'currency', 'interval', 'email', 'capture_method', 'customer_id', 'checkout_session_id'];

/**
 * One transaction that holds an advisory lock: when several instances start at once on one
 * PostgreSQL, the others wait and then find nothing left to do (DDL is transactional there).
 */
async function migrate(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.query('create table if not exists schema_migrations (version integer primary key)');
    const { rows } = await tx.query<{ version: number }>('select coalesce(max(version), 0) as version from schema_migrations');
    for (let version = rows[0]!.version + 1; version <= MIGRATIONS.length; version++) {
      for (const statement of MIGRATIONS[version - 1]!) await tx.query(statement);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
    }
  });
}

function orderWriter(db: SqlClient): OrderWriter {
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query<OrderRow>(sql, params);
    return rows[0] ? toOrder(rows[0]) : null;
  };
  return {
    findOrder: (id) => one('select * from orders where id = $1', [id]),
    findOrderByStripeId(id) {
      const column = stripeIdColumn(id);
      return column ? one(`select * from orders where ${column} = $1`, [id]) : Promise.resolve(null);
    },
    // The old status is read in the same statement, so the history row and the change agree.
    updateOrder: (id, patch, cause, always = false) =>
      one(
        `with before as (select status from orders where id = $1),
         updated as (update orders set ${PATCH_SET}, updated_at = now() where id = $1 returning *),
         logged as (
           insert into order_history (order_id, from_status, to_status, cause)
           select updated.id, before.status, updated.status, $${PATCH_COLUMNS.length + 2}
           from updated, before where updated.status is distinct from before.status or $${PATCH_COLUMNS.length + 3}
         )
         select * from updated`,
        [id, ...PATCH_COLUMNS.map(([key]) => patchValue(patch, key)), cause, always],
      ),
    async createOrder(order: NewOrder) {
      const values = [randomId('ord'), order.attemptId, order.mode, order.priceRule, order.item, order.name, order.amount, order.currency, order.interval, order.email, order.captureMethod, order.customerId ?? null, order.checkoutSessionId ?? null];
      // One statement, so it runs alike inside an event's transaction and on its own.
      const { rows } = await db.query<OrderRow & { created: boolean }>(
        `with inserted as (
           insert into orders (${INSERT_COLUMNS.join(', ')}, status)
           values (${INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, 'pending')
           on conflict (attempt_id) do nothing returning *
         ),
         logged as (
           insert into order_history (order_id, from_status, to_status, cause) select id, null, 'pending', 'checkout' from inserted
         )
         select *, true as created from inserted`,
        values,
      );
      if (rows[0]) return { order: toOrder(rows[0]), created: true };
      // The attempt's order exists (perhaps committed by a concurrent request after this statement began).
      const existing = await one('select * from orders where attempt_id = $1', [order.attemptId]);
      return { order: existing!, created: false };
    },
  };
}

/** Newest first; the cursor is the last order id of the previous page. */
function listQuery(filter: OrderFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.status) add((n) => `status = ${n}`, filter.status);
  if (filter.mode) add((n) => `mode = ${n}`, filter.mode);
  if (filter.email) add((n) => `lower(email) = lower(${n})`, filter.email);
  if (filter.customerId) add((n) => `customer_id = ${n}`, filter.customerId);
  if (filter.createdFrom) add((n) => `created_at >= ${n}`, filter.createdFrom);
  if (filter.createdTo) add((n) => `created_at < ${n}`, filter.createdTo);
  if (filter.startingAfter) add((n) => `(created_at, id) < (select created_at, id from orders where id = ${n})`, filter.startingAfter);
  params.push(filter.limit + 1);
  const sql = `select * from orders ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at desc, id desc limit $${params.length}`;
  return { sql, params };
}

/** The order store on any PostgreSQL: the embedded PGlite or a server (DATABASE_URL). */
export async function createSqlStore(db: SqlDatabase): Promise<Store> {
  await migrate(db);
  const writer = orderWriter(db);

  return {
    ...writer,
    async listOrders(filter) {
      const { sql, params } = listQuery(filter);
      const { rows } = await db.query<OrderRow>(sql, params);
      return { orders: rows.slice(0, filter.limit).map(toOrder), hasMore: rows.length > filter.limit };
    },
    async discardOrder(id) {
      // Only an order Stripe never heard of: no intent, subscription, session or customer names it.
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `select id from orders where id = $1 and status = 'pending' and payment_intent_id is null and setup_intent_id is null
             and subscription_id is null and checkout_session_id is null and customer_id is null for update`,
          [id],
        );
        if (!rows[0]) return false;
        await tx.query('delete from order_history where order_id = $1', [id]);
        await tx.query('delete from orders where id = $1', [id]);
        return true;
      });
    },
    async staleOrders(olderThan, limit) {
      const { rows } = await db.query<OrderRow>(
        `select * from orders where status in ('pending', 'action_required') and updated_at < $1 order by updated_at limit $2`,
        [olderThan, limit],
      );
      return rows.map(toOrder);
    },
    async getState(name) {
      const { rows } = await db.query<{ value: string }>('select value from server_state where name = $1', [name]);
      return rows[0]?.value ?? null;
    },
    async setState(name, value) {
      await db.query(
        `insert into server_state (name, value) values ($1, $2) on conflict (name) do update set value = excluded.value, updated_at = now()`,
        [name, value],
      );
    },
    async orderHistory(id) {
      const { rows } = await db.query<{ at: Date; from_status: OrderHistoryEntry['from']; to_status: OrderHistoryEntry['to']; cause: string }>(
        'select at, from_status, to_status, cause from order_history where order_id = $1 order by id',
        [id],
      );
      return rows.map((row) => ({ at: row.at, from: row.from_status, to: row.to_status, cause: row.cause }));
    },
    async processEventOnce(eventId, eventType, apply) {
      return db.transaction(async (tx) => {
        const recorded = await tx.query(
          'insert into processed_events (id, type) values ($1, $2) on conflict (id) do nothing returning id',
          [eventId, eventType],
        );
        if (recorded.rows.length === 0) return false;
        await apply(orderWriter(tx));
        return true;
      });
    },
    ...rateLimitCounters(db),
    async ping() {
      await db.query('select 1');
    },
    close: () => db.close(),
  };
}
