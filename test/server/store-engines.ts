// The engines the SQL store runs on: PGlite always, PostgreSQL when DATABASE_URL_TEST names a
// server (.ci/run starts one). Each test gets its own database, so tests never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPgliteStore } from '../../server/store/pglite.ts';
import { createPostgresStore } from '../../server/store/postgres.ts';
import type { Store } from '../../server/store/types.ts';

export const POSTGRES_URL = process.env.DATABASE_URL_TEST?.trim() || undefined;
/** Why the PostgreSQL cases did not run; it goes into the skipped tests' names. */
export const POSTGRES_SKIP_REASON = 'skipped: DATABASE_URL_TEST is not set (bash .ci/run starts a throwaway PostgreSQL and sets it)';

/** A database of its own on the test server; `drop()` removes it once every connection is closed. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!POSTGRES_URL) throw new Error(POSTGRES_SKIP_REASON);
  const name = `lc_test_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A place a store lives: `open()` may be called again to reopen the same data (a restart). */
export interface StoreEngine {
  name: string;
  /** Set when this engine cannot run here, with the reason. */
  skip?: string;
  place(): Promise<{ open(): Promise<Store>; remove(): Promise<void> }>;
}

export const ENGINES: StoreEngine[] = [
  {
    name: 'PGlite (embedded, file-backed)',
    async place() {
      const dir = mkdtempSync(join(tmpdir(), 'link-checkout-store-'));
      return { open: () => createPgliteStore(join(dir, 'pglite')), remove: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL (DATABASE_URL)',
    ...(POSTGRES_URL ? {} : { skip: POSTGRES_SKIP_REASON }),
    async place() {
      const database = await freshPostgresDatabase();
      return { open: () => createPostgresStore(database.url), remove: () => database.drop() };
    },
  },
];
