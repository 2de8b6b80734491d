/**
 * Node entry point: picks real Stripe or the sandbox from the environment, opens the store
 * (PostgreSQL with DATABASE_URL, else the embedded one), serves the API, the built widget and the
 * demo, and drains in-flight requests on SIGTERM. The only Node-specific file of server/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { createApp, handleNotFound } from './app.ts';
import { catalogQuotes, publicConfigOf, widgetScriptWithConfig } from './widget-script.ts';
import { createReconciler } from './reconciler.ts';
import { checkDatabaseUrl, resolveGuardSettings, resolvePricing, resolveStripeMode } from './env.ts';
import { createApiGuards } from './middleware/guards.ts';
import { pageSecurityHeaders } from './middleware/security-headers.ts';
import { createPriceRules, parseCatalog } from './pricing/index.ts';
import { packageRoot } from './package-root.ts';
import { createPgliteStore } from './store/pglite.ts';
import { createPostgresStore } from './store/postgres.ts';

const root = packageRoot(import.meta.dirname);
const env = process.env;

/** A setting the server cannot start with: one clear line, no stack trace. */
async function orExit<T>(what: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    console.error(`link-checkout: ${what}: ${(err as Error).message}`);
    process.exit(1);
  }
}

const mode = await orExit('Stripe keys', () => resolveStripeMode(env));
const pricingEnv = await orExit('price settings', () => resolvePricing(env));
const guardSettings = await orExit('request guards', () => resolveGuardSettings(env));
// Shared by both modes: the admin API's token and the address links are built from.
const serverEnv = { adminToken: env.ADMIN_TOKEN?.trim() || undefined, publicUrl: env.PUBLIC_URL?.trim() || undefined };
const catalogFile = env.CATALOG_FILE ?? join(root, 'server/catalog.sample.json');
const catalog = await orExit(`catalog ${catalogFile}`, () => parseCatalog(JSON.parse(readFileSync(catalogFile, 'utf8'))));
const dataDir = env.DATA_DIR ?? join(root, 'data/pglite');
const store = await orExit('database', async () => {
  if (env.DATABASE_URL) return createPostgresStore(checkDatabaseUrl(env.DATABASE_URL));
  mkdirSync(dataDir, { recursive: true });
  return createPgliteStore(dataDir);
});
const guards = createApiGuards(guardSettings, store, (c) => getConnInfo(c).remote.address);

const app = new Hono();
app.use('*', async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
});
let onListening = (_origin: string) => {};
let stripeClient: Stripe;
let closeSandbox = async () => {};
let publishableKey = mode.kind === 'real' ? mode.publishableKey : '';
if (mode.kind === 'sandbox') {
  const { createSandboxServer } = await import('../sandbox/wire.ts');
  // The emulator's state lives beside the store, so a demo order survives a restart in both.
  const stateDir = env.SANDBOX_DATA_DIR ?? join(dirname(dataDir), 'sandbox');
  const sandbox = await createSandboxServer({
    catalog, store, pricing: pricingEnv, config: serverEnv, stateDir, guards,
    // The same variables as the standalone sandbox's, so scripts can use the SDK on it.
    keys: { secretKey: env.SANDBOX_SECRET_KEY?.trim() || undefined, publishableKey: env.SANDBOX_PUBLISHABLE_KEY?.trim() || undefined },
  });
  closeSandbox = () => sandbox.emulator.close();
  publishableKey = sandbox.emulator.publishableKey;
  onListening = (origin) => sandbox.setPublicOrigin(origin);
  stripeClient = sandbox.emulator.stripeClient();
  app.get('/sandbox/stripe.js', compress(), serveStatic({ path: join(root, 'dist/sandbox/stripe.js') }));
  app.route('/', sandbox.app);
} else {
  const stripe = (stripeClient = new Stripe(mode.secretKey, { ...mode.api, maxNetworkRetries: 2 }));
  if (!mode.webhookSecret) console.warn('link-checkout: STRIPE_WEBHOOK_SECRET is not set; webhooks will be refused.');
  if (guardSettings.allowedOrigins === '*') console.warn('link-checkout: ALLOWED_ORIGINS is not set; pages on any origin may call the API. List your shop\'s origins to narrow it.');
  app.route('/', createApp({ stripe, store, guards, pricing: createPriceRules({ ...pricingEnv, catalog }), config: { ...serverEnv, publishableKey: mode.publishableKey, webhookSecret: mode.webhookSecret, sandbox: false } }));
}
// A module script loaded from another origin (a CMS page) is fetched with CORS; it is public code.
app.use('/link-checkout*', async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
});
// Scripts go out gzipped (the entry: 36 kB → 13 kB); a CMS page rarely sits behind a proxy that
// would do it. Per request, but a browser keeps them (Cache-Control) and API routes never get here.
app.use('/link-checkout*', compress());
// Chunks are named by their content's hash (vite.config.ts), so a browser may keep them for good.
app.use('/link-checkout-*', async (c, next) => {
  await next();
  if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
});
// The two entry files carry this server's public config and its catalog's quotes
// (server/widget-script.ts); chunks are plain files.
const publicConfig = { ...publicConfigOf({ publishableKey, sandbox: mode.kind === 'sandbox' }, '/sandbox/stripe.js'), quotes: await catalogQuotes(catalog) };
for (const [path, kind] of [['/link-checkout.js', 'module'], ['/link-checkout.iife.js', 'classic']] as const) {
  const script = widgetScriptWithConfig(readFileSync(join(root, 'dist', path), 'utf8'), publicConfig, kind);
  app.get(path, (c) => c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
}
app.get('/link-checkout*', serveStatic({ root: join(root, 'dist') }));
const pageHeaders = pageSecurityHeaders({ sandbox: mode.kind === 'sandbox' });
app.get('/', pageHeaders, serveStatic({ path: join(root, 'demo/index.html') }));
app.get('/demo/*', pageHeaders, serveStatic({ root }));
// The merchant's page, and the page a customer completes an order on (a charge the bank wants
// authenticated, an embedded Checkout Session); both are plain files that read the rest at run time.
app.get('/admin', pageHeaders, serveStatic({ path: join(root, 'pages/admin.html') }));
app.get('/pay/:orderId', pageHeaders, serveStatic({ path: join(root, 'pages/pay.html') }));
app.get('/pages/*', pageHeaders, serveStatic({ root }));
app.notFound(handleNotFound);

const server = serve({ fetch: app.fetch, port: Number(env.PORT ?? 8787), hostname: env.HOST ?? 'localhost' }, (info) => {
  const origin = env.PUBLIC_URL ?? `http://localhost:${info.port}`;
  onListening(origin);
  console.log(`Link Checkout listening on ${origin} (${mode.kind === 'sandbox' ? 'offline sandbox' : 'Stripe'}, ${env.DATABASE_URL ? 'PostgreSQL' : 'embedded store'})`);
});

// The reconciler's sweep: events the webhook never brought, and orders still waiting on Stripe.
const reconcileEvery = Number(env.RECONCILE_INTERVAL_MS ?? 60_000);
if (reconcileEvery > 0) {
  const reconciler = createReconciler({ stripe: stripeClient, store });
  setInterval(() => void reconciler.sweep().catch((err: Error) => console.error('link-checkout: reconciler sweep failed:', err.message)), reconcileEvery).unref();
}

/**
 * Stop accepting connections, let open requests finish (up to SHUTDOWN_TIMEOUT_MS), then close
 * the store so the embedded database is flushed, not cut mid-write.
 */
async function shutDown(signal: string) {
  const timeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  console.log(`link-checkout: ${signal}: finishing open requests (up to ${timeoutMs} ms)...`);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections idle between requests would hold close() open.
  const idle = setInterval(() => (server as import('node:http').Server).closeIdleConnections(), 100);
  const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  if ((await Promise.race([closed, timedOut])) === 'timeout') {
    console.warn('link-checkout: requests still open at the shutdown timeout were cut.');
    (server as import('node:http').Server).closeAllConnections();
  }
  clearInterval(idle);
  await closeSandbox();
  await store.close();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutDown(signal));
