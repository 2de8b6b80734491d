import { PGlite } from '@electric-sql/pglite';
import { createSqlStore } from './sql.ts';
import type { Store } from './types.ts';

/**
 * The embedded store: PostgreSQL compiled to WASM, so nothing to install or run.
 * `dataDir` keeps it on disk; without one it lives in memory (tests).
 */
export async function createPgliteStore(dataDir?: string): Promise<Store> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  return createSqlStore({
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) })),
    close: () => db.close(),
  });
}
