import { PGlite, type Transaction } from '@electric-sql/pglite';
import { randomId } from '../ids.ts';
import type { NewOrder, Order, OrderPatch, OrderWriter, Store } from './types.ts';

/** Ordered, append-only: a deployed migration is never edited, only followed by a new one. */
const MIGRATIONS = [
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
  `create table processed_events (
     id text primary key,
     type text not null,
     processed_at timestamptz not null default now()
   )`,
];

type Queryable = Pick<PGlite, 'query'> | Transaction;

interface OrderRow {
  id: string;
  attempt_id: string;
  item: string;
  amount: number;
  currency: string;
  email: string | null;
  status: Order['status'];
  intent_status: string | null;
  payment_intent_id: string | null;
  created_at: Date;
  updated_at: Date;
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    attemptId: row.attempt_id,
    item: row.item,
    amount: row.amount,
    currency: row.currency,
    email: row.email,
    status: row.status,
    intentStatus: row.intent_status,
    paymentIntentId: row.payment_intent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function migrate(db: PGlite): Promise<void> {
  await db.exec('create table if not exists schema_migrations (version integer primary key)');
  const { rows } = await db.query<{ version: number }>('select coalesce(max(version), 0) as version from schema_migrations');
  for (let version = rows[0].version + 1; version <= MIGRATIONS.length; version++) {
    await db.transaction(async (tx) => {
      await tx.exec(MIGRATIONS[version - 1]);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
    });
  }
}

function orderWriter(db: Queryable): OrderWriter {
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query<OrderRow>(sql, params);
    return rows[0] ? toOrder(rows[0]) : null;
  };
  return {
    findOrder: (id) => one('select * from orders where id = $1', [id]),
    findOrderByPaymentIntent: (pi) => one('select * from orders where payment_intent_id = $1', [pi]),
    updateOrder: (id, patch: OrderPatch) =>
      one(
        `update orders set
           status = coalesce($2, status),
           intent_status = coalesce($3, intent_status),
           payment_intent_id = coalesce($4, payment_intent_id),
           updated_at = now()
         where id = $1 returning *`,
        [id, patch.status ?? null, patch.intentStatus ?? null, patch.paymentIntentId ?? null],
      ),
  };
}

/**
 * The embedded store: PostgreSQL compiled to WASM, so nothing to install or run.
 * `dataDir` keeps it on disk; without one it lives in memory (tests).
 */
export async function createPgliteStore(dataDir?: string): Promise<Store> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await migrate(db);
  const writer = orderWriter(db);

  return {
    ...writer,
    async createOrder(order: NewOrder) {
      const inserted = await db.query<OrderRow>(
        `insert into orders (id, attempt_id, item, amount, currency, email, status)
         values ($1, $2, $3, $4, $5, $6, 'pending')
         on conflict (attempt_id) do nothing returning *`,
        [randomId('ord'), order.attemptId, order.item, order.amount, order.currency, order.email],
      );
      if (inserted.rows[0]) return { order: toOrder(inserted.rows[0]), created: true };
      const existing = await db.query<OrderRow>('select * from orders where attempt_id = $1', [order.attemptId]);
      return { order: toOrder(existing.rows[0]), created: false };
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
    close: () => db.close(),
  };
}
