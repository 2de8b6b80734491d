import pg from 'pg';
import { createSqlStore } from './sql.ts';
import type { Store } from './types.ts';

/**
 * The store on a PostgreSQL server (DATABASE_URL), for several instances of the server.
 * Driver: node-postgres (`pg`). Its `query(text, params) -> {rows}` is the shape PGlite copied, so
 * this adapter is a pool and a transaction helper; it is pure JavaScript, the most used
 * PostgreSQL client for Node, and maintained since 2010 (porsager's `postgres` is quicker, but
 * its tagged-template API would only be used through `unsafe()` here).
 */
const run = <R>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]) =>
  client.query(sql, params) as unknown as Promise<{ rows: R[] }>;

export async function createPostgresStore(connectionString: string, options: { max?: number } = {}): Promise<Store> {
  // A server that does not answer fails the request (and /healthz) instead of queueing it forever.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server emits here; without a listener that would crash the process.
  pool.on('error', (err) => console.error('[link-checkout] PostgreSQL connection lost:', err.message));
  try {
    return await createSqlStore({
      query: (sql, params) => run(pool, sql, params),
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await fn({ query: (sql, params) => run(client, sql, params) });
          await client.query('commit');
          return result;
        } catch (err) {
          await client.query('rollback').catch(() => {});
          throw err;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    });
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}
