import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ROOT } from './paths.ts';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'scripts/postgres-test-cluster.sh');

export type BenchPostgres =
  | { started: true; url: string; server: string; stop(): Promise<void> }
  | { started: false; reason: string };

/**
 * A throwaway PostgreSQL for the server section's DATABASE_URL case: the tests' cluster
 * (scripts/postgres-test-cluster.sh: its own folder, the first free port from 55432, fsync off).
 * Where it cannot start (no PostgreSQL installed), the reason, so the case is reported as not measured.
 */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  let env: Record<string, string>;
  try {
    const { stdout } = await run('bash', [SCRIPT, 'start'], { cwd: ROOT });
    env = Object.fromEntries([...stdout.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { started: false, reason: (stderr || (error as Error).message).replace(/\s+/g, ' ').slice(0, 300) };
  }
  const url = env.DATABASE_URL_TEST!;
  const stop = async () => {
    await run('bash', [SCRIPT, 'stop', env.PG_TEST_DIR!], { cwd: ROOT, env: { ...process.env, PG_TEST_BIN: env.PG_TEST_BIN } });
  };
  try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: string; fsync: string }>("select current_setting('server_version') as version, current_setting('fsync') as fsync");
    await client.end();
    return { started: true, url, server: `PostgreSQL ${rows[0]!.version}, fsync ${rows[0]!.fsync}`, stop };
  } catch (error) {
    await stop();
    return { started: false, reason: `PostgreSQL started but did not answer: ${(error as Error).message}` };
  }
}
