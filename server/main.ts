/**
 * Node entry point: picks real Stripe or the sandbox from the environment, opens the embedded
 * store, serves the API, the built widget and the demo. The only Node-specific file of server/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { createApp, handleNotFound } from './app.ts';
import { checkDatabaseUrl, resolvePricing, resolveStripeMode } from './env.ts';
import { createPriceRules, parseCatalog } from './pricing/index.ts';
import { createPgliteStore } from './store/pglite.ts';
import { createPostgresStore } from './store/postgres.ts';

const root = join(import.meta.dirname, '..');
const env = process.env;

/** A setting the server cannot start with: one clear line, no stack trace. */
function orExit<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    console.error(`link-checkout: ${what}: ${(err as Error).message}`);
    process.exit(1);
  }
}

async function orExitAsync<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    console.error(`link-checkout: ${what}: ${(err as Error).message}`);
    process.exit(1);
  }
}

const mode = orExit('Stripe keys', () => resolveStripeMode(env));
const pricingEnv = orExit('price settings', () => resolvePricing(env));
const catalogFile = env.CATALOG_FILE ?? join(root, 'server/catalog.sample.json');
const catalog = orExit(`catalog ${catalogFile}`, () => parseCatalog(JSON.parse(readFileSync(catalogFile, 'utf8'))));
const store = await orExitAsync('database', async () => {
  if (env.DATABASE_URL) return createPostgresStore(checkDatabaseUrl(env.DATABASE_URL));
  const dataDir = env.DATA_DIR ?? join(root, 'data/pglite');
  mkdirSync(dataDir, { recursive: true });
  return createPgliteStore(dataDir);
});

const app = new Hono();
let onListening = (_origin: string) => {};
if (mode.kind === 'sandbox') {
  const { createSandboxServer } = await import('../sandbox/wire.ts');
  const sandbox = await createSandboxServer({ catalog, store, pricing: pricingEnv });
  onListening = (origin) => sandbox.setPublicOrigin(origin);
  app.get('/sandbox/stripe.js', serveStatic({ path: join(root, 'dist/sandbox/stripe.js') }));
  app.route('/', sandbox.app);
} else {
  const stripe = new Stripe(mode.secretKey, { ...mode.api, maxNetworkRetries: 2 });
  if (!mode.webhookSecret) console.warn('link-checkout: STRIPE_WEBHOOK_SECRET is not set; webhooks will be refused.');
  app.route('/', createApp({ stripe, store, pricing: createPriceRules({ ...pricingEnv, catalog }), config: { publishableKey: mode.publishableKey, webhookSecret: mode.webhookSecret, sandbox: false } }));
}
// A module script loaded from another origin (a CMS page) is fetched with CORS.
app.use('/link-checkout*', async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
});
app.get('/link-checkout*', serveStatic({ root: join(root, 'dist') }));
app.get('/', serveStatic({ path: join(root, 'demo/index.html') }));
app.get('/demo/*', serveStatic({ root }));
app.notFound(handleNotFound);

const server = serve({ fetch: app.fetch, port: Number(env.PORT ?? 8787), hostname: env.HOST ?? 'localhost' }, (info) => {
  const origin = env.PUBLIC_URL ?? `http://localhost:${info.port}`;
  onListening(origin);
  console.log(`Link Checkout listening on ${origin} (${mode.kind === 'sandbox' ? 'offline sandbox' : 'Stripe'})`);
});

// Close the store on the way out so the embedded database is flushed, not cut mid-write.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    store.close().finally(() => process.exit(0));
  });
}
