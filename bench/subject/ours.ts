/**
 * Entry `ours` (BENCH_ROOT, BENCH_ANCHORS; `--pages`): the product server as the bench runs it: the sandbox wiring main.ts uses (createSandboxServer,
 * so createApp with the emulator in-process), with no guards (no rate limits, any origin), an
 * in-memory embedded store the bench can fill with SQL, and bench-only routes under /__bench.
 * With DATABASE_URL, the store is that PostgreSQL instead, as main.ts does (no seeding there);
 * with BENCH_STORE=map, a diagnostic with no database at all (map-store.ts).
 * With `pages`, it also serves the built widget, the stand-in and the bench's pages, so ours and
 * the hand-written page come from one server.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createAdaptorServer } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { parseCatalog } from '../../server/pricing/index.ts';
import { PGLITE_START_PARAMS } from '../../server/store/pglite.ts';
import { pgliteDatabase } from '../../server/store/pglite-client.ts';
import { createPostgresStore } from '../../server/store/postgres.ts';
import { createSqlStore } from '../../server/store/sql.ts';
import { catalogQuotes, publicConfigOf, widgetScriptWithConfig } from '../../server/widget-script.ts';
import { createSandboxServer } from '../../sandbox/wire.ts';
import { listen } from './listen.ts';
import { mapStore } from './map-store.ts';
import { makeTokens } from './tokens.ts';

/**
 * Sets the store to `total` orders: drops the ones the bench's checkouts made, then tops up with
 * paid orders (one history row each), 10,000 to a statement.
 */
async function seedOrders(db: PGlite, total: number): Promise<number> {
  await db.query(`delete from order_history where order_id in (select id from orders where attempt_id not like 'seed-%')`);
  await db.query(`delete from orders where attempt_id not like 'seed-%'`);
  const { rows } = await db.query<{ count: number }>('select count(*)::int as count from orders');
  for (let from = rows[0]!.count + 1; from <= total; from += 10_000) {
    const to = Math.min(total, from + 9_999);
    await db.query(
      `with inserted as (
         insert into orders (id, attempt_id, mode, price_rule, item, name, amount, currency, email, status, intent_status,
                             capture_method, payment_intent_id, amount_received, created_at, updated_at)
         select 'ord_' || substr(md5('bench' || n), 1, 24), 'seed-' || n, 'payment', 'catalog', 'tshirt', 'Link T-shirt', 2500, 'usd',
                'shopper' || n || '@example.com', 'paid', 'succeeded', 'automatic', 'pi_bench' || n, 2500,
                now() - n * interval '1 second', now() - n * interval '1 second'
         from generate_series($1::int, $2::int) as n
         returning id
       )
       insert into order_history (order_id, from_status, to_status, cause) select id, null, 'paid', 'bench seed' from inserted`,
      [from, to],
    );
  }
  const after = await db.query<{ count: number }>('select count(*)::int as count from orders');
  return after.rows[0]!.count;
}

function pageWith(root: string, file: string, data?: unknown): string {
  const html = readFileSync(join(root, 'bench/pages', file), 'utf8');
  const json = data === undefined ? '' : `<script type="application/json" id="checkout-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
  return html.replace('<!--checkout-data-->', json);
}

async function createOursApp({ root, pages, anchorsDir }: { root: string; pages: boolean; anchorsDir: string }): Promise<Hono> {
  const catalog = parseCatalog(JSON.parse(readFileSync(join(root, 'server/catalog.sample.json'), 'utf8')));
  const db = process.env.DATABASE_URL || process.env.BENCH_STORE === 'map' ? null : new PGlite({ startParams: PGLITE_START_PARAMS });
  const store = db ? await createSqlStore(await pgliteDatabase(db)) : process.env.DATABASE_URL ? await createPostgresStore(process.env.DATABASE_URL) : mapStore();
  const sandbox = await createSandboxServer({ catalog, store });
  const app = new Hono();
  app.post('/__bench/tokens', async (c) => c.json({ ids: await makeTokens(sandbox.emulator, Number(c.req.query('count'))) }));
  app.get('/__bench/idle', async (c) => {
    await sandbox.emulator.webhooksIdle();
    return c.json({});
  });
  app.post('/__bench/seed', async (c) => {
    if (!db) return c.json({ error: 'the bench seeds only the embedded store' }, 501);
    const count = await seedOrders(db, Number(c.req.query('total')));
    const sample = await db.query<{ id: string }>(`select id from orders where attempt_id like 'seed-%' order by random() limit 2000`);
    return c.json({ count, ids: sample.rows.map((row) => row.id) });
  });
  if (pages) {
    // As main.ts serves them: the entry files carry the public config and the catalog's quotes.
    const publicConfig = { ...publicConfigOf({ publishableKey: sandbox.emulator.publishableKey, sandbox: true }, '/sandbox/stripe.js'), quotes: await catalogQuotes(catalog) };
    for (const [path, kind] of [['/link-checkout.js', 'module'], ['/link-checkout.iife.js', 'classic']] as const) {
      const script = widgetScriptWithConfig(readFileSync(join(root, 'dist', path), 'utf8'), publicConfig, kind);
      app.get(path, (c) => c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
    }
    app.get('/link-checkout*', serveStatic({ root: join(root, 'dist') }));
    app.get('/sandbox/stripe.js', serveStatic({ path: join(root, 'dist/sandbox/stripe.js') }));
    app.get('/bench/hand-written.js', serveStatic({ path: join(anchorsDir, 'hand-written.js') }));
    app.get('/bench/ours.html', (c) => c.html(pageWith(root, 'ours.html')));
    app.get('/bench/hand-written-fetch.html', (c) => c.html(pageWith(root, 'hand-written.html')));
    // What a server-rendered checkout does: the key and the price go into the page it sends.
    app.get('/bench/hand-written.html', async (c) => {
      const config = await (await sandbox.app.request('/api/config')).json();
      const quote = await (await sandbox.app.request('/api/quote?item=tshirt')).json();
      return c.html(pageWith(root, 'hand-written.html', { publishableKey: config.publishableKey, sandboxStripeJsUrl: '/sandbox/stripe.js', quote }));
    });
  }
  app.route('/', sandbox.app);
  return app;
}

const app = await createOursApp({ root: process.env.BENCH_ROOT!, pages: process.argv.includes('--pages'), anchorsDir: process.env.BENCH_ANCHORS ?? '' });
// createAdaptorServer is what @hono/node-server's serve() (main.ts) listens with.
listen(createAdaptorServer({ fetch: app.fetch }) as Server);
