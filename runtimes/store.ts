import { createPgliteStore } from '../server/store/pglite.ts';
import { createPostgresStore } from '../server/store/postgres.ts';
import type { Store } from '../server/store/types.ts';
import { checkDatabaseUrl } from '../server/env.ts';
import type { RuntimeEnv } from './app.ts';

/**
 * Bun's and Deno's store: PostgreSQL with DATABASE_URL (node-postgres runs on both), else the
 * embedded PGlite in memory. (Its data folder is created by a Node child process, see
 * server/store/pglite-init.ts, which these runtimes do not run; use DATABASE_URL to keep orders.)
 */
export async function openRuntimeStore(env: RuntimeEnv): Promise<Store> {
  if (env.DATABASE_URL) return createPostgresStore(checkDatabaseUrl(env.DATABASE_URL));
  console.warn('link-checkout: DATABASE_URL is not set; orders are kept in memory (PGlite) until the process ends.');
  return createPgliteStore();
}
