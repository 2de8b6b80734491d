import { PGlite } from '@electric-sql/pglite';
import { pgliteDatabase } from './pglite-client.ts';
import { createSqlStore } from './sql.ts';
import type { Store } from './types.ts';

/**
 * PostgreSQL's defaults size shared memory for a server (shared_buffers 128MB); PGlite's WASM heap
 * holds all of it, touched, so PGlite alone kept ~300 MB resident. PGlite has one connection and
 * the files it reads sit in the OS cache: 2 MB of buffers costs little and saves ~130 MB
 * (measured with npm run bench:memory: 8 MB gave an idle server of ~190 MB, 2 MB ~180 MB).
 */
export const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  '-c', 'shared_buffers=2MB',
  '-c', 'wal_buffers=256kB',
  '-c', 'max_connections=5',
];

/**
 * The embedded store: PostgreSQL compiled to WASM, so nothing to install or run.
 * `dataDir` keeps it on disk; without one it lives in memory (tests).
 */
export async function createPgliteStore(dataDir?: string): Promise<Store> {
  if (dataDir) {
    // Creating a database runs initdb in a second WASM instance; its memory stays with the process.
    const { initDataDirInChildProcess } = await import('./pglite-init.ts');
    await initDataDirInChildProcess(dataDir, PGLITE_START_PARAMS);
  }
  const options = { startParams: PGLITE_START_PARAMS };
  const db = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  return createSqlStore(await pgliteDatabase(db));
}
