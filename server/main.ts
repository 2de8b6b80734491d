/**
 * Node entry point: picks real Stripe or the sandbox from the environment, opens the store
 * (PostgreSQL with DATABASE_URL, else the embedded one), serves the API, the built widget and the
 * demo, and drains in-flight requests on SIGTERM. The only Node-specific file of server/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { createApp, handleNotFound } from './app.ts';
import { checkDatabaseUrl, resolveGuardSettings, resolvePricing, resolveStripeMode } from './env.ts';
import { createApiGuards } from './middleware/guards.ts';
import { pageSecurityHeaders } from './middleware/security-headers.ts';
import { createPriceRules, parseCatalog } from './pricing/index.ts';
import { createPgliteStore } from './store/pglite.ts';
import { createPostgresStore } from './store/postgres.ts';

/** The package folder (demo/, dist/, server/catalog.sample.json): above server/ from source, above dist/server/ when built. */
function packageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`No package.json above ${from}`);
}
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
const catalogFile = env.CATALOG_FILE ?? join(root, 'server/catalog.sample.json');
const catalog = await orExit(`catalog ${catalogFile}`, () => parseCatalog(JSON.parse(readFileSync(catalogFile, 'utf8'))));
const store = await orExit('database', async () => {
  if (env.DATABASE_URL) return createPostgresStore(checkDatabaseUrl(env.DATABASE_URL));
  const dataDir = env.DATA_DIR ?? join(root, 'data/pglite');
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
let closeApp = () => store.close();
if (mode.kind === 'sandbox') {
  const { createSandboxServer } = await import('../sandbox/wire.ts');
  const sandbox = await createSandboxServer({ catalog, store, pricing: pricingEnv, guards });
  onListening = (origin) => sandbox.setPublicOrigin(origin);
  closeApp = () => sandbox.close();
  app.get('/sandbox/stripe.js', serveStatic({ path: join(root, 'dist/sandbox/stripe.js') }));
  app.route('/', sandbox.app);
} else {
  const stripe = new Stripe(mode.secretKey, { ...mode.api, maxNetworkRetries: 2 });
  if (!mode.webhookSecret) console.warn('link-checkout: STRIPE_WEBHOOK_SECRET is not set; webhooks will be refused.');
  if (guardSettings.allowedOrigins === '*') console.warn('link-checkout: ALLOWED_ORIGINS is not set; pages on any origin may call the API. List your shop\'s origins to narrow it.');
  app.route('/', createApp({ stripe, store, guards, pricing: createPriceRules({ ...pricingEnv, catalog }), config: { publishableKey: mode.publishableKey, webhookSecret: mode.webhookSecret, sandbox: false } }));
}
// A module script loaded from another origin (a CMS page) is fetched with CORS; it is public code.
app.use('/link-checkout*', async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
});
app.get('/link-checkout*', serveStatic({ root: join(root, 'dist') }));
const pageHeaders = pageSecurityHeaders({ sandbox: mode.kind === 'sandbox' });
app.get('/', pageHeaders, serveStatic({ path: join(root, 'demo/index.html') }));
app.get('/demo/*', pageHeaders, serveStatic({ root }));
app.notFound(handleNotFound);

const server = serve({ fetch: app.fetch, port: Number(env.PORT ?? 8787), hostname: env.HOST ?? 'localhost' }, (info) => {
  const origin = env.PUBLIC_URL ?? `http://localhost:${info.port}`;
  onListening(origin);
  console.log(`Link Checkout listening on ${origin} (${mode.kind === 'sandbox' ? 'offline sandbox' : 'Stripe'}, ${env.DATABASE_URL ? 'PostgreSQL' : 'embedded store'})`);
});

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
  await closeApp();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutDown(signal));
