// The server under Bun and Deno (both from npm): dist/runtimes/<runtime>.js (runtimes/*.ts built;
// the package's `link-checkout/runtimes/bun` and `/deno`) serves the same Hono app (createApp) as
// Node does, and a sandbox checkout goes through it: config, quote, a ConfirmationToken made on
// the emulator's browser route, checkout, and the order read back once its webhook marked it paid.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { freshPostgresDatabase, POSTGRES_SKIP_REASON, POSTGRES_URL } from '../server/store-engines.ts';
import { bin, runtimeMissing, sandboxCheckout, startRuntime } from './runtime-harness.ts';

const RUNTIMES = [
  { name: 'bun', label: 'Bun', args: ['dist/runtimes/bun.js'] },
  { name: 'deno', label: 'Deno', args: ['run', '--allow-all', '--no-lock', 'dist/runtimes/deno.js'] },
] as const;

for (const { name, label, args } of RUNTIMES) {
  const missing = runtimeMissing(name);
  const run = (env: Record<string, string> = {}) =>
    startRuntime(bin(name), [...args], { env: { ...process.env, PORT: '0', DATABASE_URL: '', ...env } });

  describe(`runtimes/${name}.ts under ${label}`, { skip: missing }, () => {
    test('a sandbox checkout with the embedded store (PGlite in memory)', async () => {
      const server = await run();
      try {
        const order = await sandboxCheckout(server.origin);
        assert.equal(order.status, 'paid');
        assert.match(server.output(), new RegExp(`\\(${label}\\)`));
      } finally {
        await server.stop();
      }
    });

    test(`a sandbox checkout with the store on PostgreSQL (DATABASE_URL)${POSTGRES_URL ? '' : ` — ${POSTGRES_SKIP_REASON}`}`, { skip: !POSTGRES_URL }, async () => {
      const database = await freshPostgresDatabase();
      const server = await run({ DATABASE_URL: database.url });
      try {
        const order = await sandboxCheckout(server.origin);
        assert.deepEqual([order.status, order.amount, order.currency], ['paid', 2500, 'usd']);
      } finally {
        await server.stop();
        await database.drop();
      }
    });
  });

  // Named so a run without the binary says why in its list of tests.
  if (missing) test(missing, { skip: missing }, () => {});
}
