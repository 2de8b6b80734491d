// The server as a Cloudflare Worker under workerd (the workerd package from npm; wrangler needs
// Node 22, so the bundle is made as wrangler would make it: scripts/build-worker.mjs). The store
// is PostgreSQL over TCP (node-postgres with connect() from cloudflare:sockets); PGlite does not
// run in a Worker (README "Other runtimes"). The build and the Worker's start are checked always;
// the checkout needs the test PostgreSQL.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, POSTGRES_URL } from '../server/store-engines.ts';
import { bin, freePort, root, runtimeMissing, sandboxCheckout, startRuntime } from './runtime-harness.ts';

const missing = runtimeMissing('workerd');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'link-checkout-workerd-'));
  if (!existsSync(join(root, 'dist/runtimes/workerd.js'))) throw new Error('dist/ is not built: run `npm run build` first (npm test does).');
  // `link-checkout/worker` (dist/runtimes/workerd.js, built from runtimes/workerd.ts) bundled as wrangler would.
  execFileSync(process.execPath, ['scripts/build-worker.mjs', join(dir, 'worker.js'), 'dist/runtimes/workerd.js'], { cwd: root, stdio: 'inherit' });
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** workerd's own config: the Worker on `port`, its outbound TCP allowed to this machine (the test PostgreSQL). */
function writeConfig(port: number, databaseUrl: string) {
  const bindings = databaseUrl ? `bindings = [ (name = "DATABASE_URL", text = ${JSON.stringify(databaseUrl)}) ],` : '';
  writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .checkout),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const checkout :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2026-11-01",
  compatibilityFlags = ["nodejs_compat"],
  ${bindings}
);
`);
}

async function startWorker(databaseUrl: string) {
  const port = await freePort();
  writeConfig(port, databaseUrl);
  return startRuntime(bin('workerd'), ['serve', join(dir, 'config.capnp')], { cwd: dir, origin: `http://127.0.0.1:${port}`, ...(databaseUrl ? {} : { ready: 503 }) });
}

describe('runtimes/workerd.ts as a Worker', () => {
  test('the bundle is ESM for workerd: Node built-ins as node:* imports, no PGlite, no require()', () => {
    const code = readFileSync(join(dir, 'worker.js'), 'utf8');
    assert.doesNotMatch(code, /@electric-sql\/pglite|pglite\.wasm/);
    assert.match(code, /from "node:net"/, 'pg reaches PostgreSQL through node:net / cloudflare:sockets');
    assert.doesNotMatch(code, /__require\("node:/, 'no require() of a built-in is left for the ESM Worker to fail on');
  });

  test('workerd loads it; without DATABASE_URL every request is a 503 that says what to set', { skip: missing }, async () => {
    const worker = await startWorker('');
    try {
      const response = await fetch(`${worker.origin}/api/config`);
      assert.equal(response.status, 503);
      assert.equal((await response.json()).error.code, 'no_database');
    } finally {
      await worker.stop();
    }
  });

  const checkoutSkip = missing ?? (POSTGRES_URL ? undefined : POSTGRES_SKIP_REASON);
  test(`a sandbox checkout with the store on PostgreSQL over TCP${checkoutSkip ? ` — ${checkoutSkip}` : ''}`, { skip: checkoutSkip }, async () => {
    const database = await freshPostgresDatabase();
    const worker = await startWorker(database.url);
    try {
      const order = await sandboxCheckout(worker.origin);
      assert.deepEqual([order.status, order.amount, order.currency], ['paid', 2500, 'usd']);
    } finally {
      await worker.stop();
      await database.drop();
    }
  });
});
