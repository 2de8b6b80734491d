import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates a PGlite data folder in a short-lived node process, when it has none yet. PGlite's
 * initdb runs in a second WASM instance and copies the heap; in-process, that left the server at
 * 600+ MB resident for good (measured: npm run bench:memory). A child gives all of it back.
 */
export async function initDataDirInChildProcess(dataDir: string, startParams: string[]): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const script = `
    const [url, dataDir, startParams] = process.argv.slice(1);
    const { PGlite } = await import(url);
    const db = new PGlite(dataDir, { startParams: JSON.parse(startParams) });
    await db.waitReady;
    await db.close();`;
  const args = ['--input-type=module', '-e', script, import.meta.resolve('@electric-sql/pglite'), dataDir, JSON.stringify(startParams)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`Could not create the database in ${dataDir}: ${stderr.trim() || `exit code ${code}`}`);
}
