/**
 * Node entry point: picks real Stripe or the sandbox from the environment, opens the embedded
 * store, serves the API, the built widget and the demo. The only Node-specific file of server/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { createApp, handleNotFound } from './app.ts';
import { createReconciler } from './reconciler.ts';
import { resolvePricing, resolveStripeMode } from './env.ts';
import { createPriceRules, parseCatalog } from './pricing/index.ts';
import { createPgliteStore } from './store/pglite.ts';

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

const mode = orExit('Stripe keys', () => resolveStripeMode(env));
const pricingEnv = orExit('price settings', () => resolvePricing(env));
// Shared by both modes: the admin API's token and the address links are built from.
const serverEnv = { adminToken: env.ADMIN_TOKEN?.trim() || undefined, publicUrl: env.PUBLIC_URL?.trim() || undefined };
const catalogFile = env.CATALOG_FILE ?? join(root, 'server/catalog.sample.json');
const catalog = orExit(`catalog ${catalogFile}`, () => parseCatalog(JSON.parse(readFileSync(catalogFile, 'utf8'))));
const dataDir = env.DATA_DIR ?? join(root, 'data/pglite');
mkdirSync(dataDir, { recursive: true });
const store = await createPgliteStore(dataDir);

const app = new Hono();
let onListening = (_origin: string) => {};
let stripeClient: Stripe;
let closeSandbox = async () => {};
if (mode.kind === 'sandbox') {
  const { createSandboxServer } = await import('../sandbox/wire.ts');
  // The emulator's state lives beside the store, so a demo order survives a restart in both.
  const stateDir = env.SANDBOX_DATA_DIR ?? join(dirname(dataDir), 'sandbox');
  const sandbox = await createSandboxServer({ catalog, store, pricing: pricingEnv, config: serverEnv, stateDir });
  closeSandbox = () => sandbox.emulator.close();
  onListening = (origin) => sandbox.setPublicOrigin(origin);
  stripeClient = sandbox.emulator.stripeClient();
  app.get('/sandbox/stripe.js', serveStatic({ path: join(root, 'dist/sandbox/stripe.js') }));
  app.route('/', sandbox.app);
} else {
  const stripe = (stripeClient = new Stripe(mode.secretKey, { ...mode.api, maxNetworkRetries: 2 }));
  if (!mode.webhookSecret) console.warn('link-checkout: STRIPE_WEBHOOK_SECRET is not set; webhooks will be refused.');
  app.route('/', createApp({ stripe, store, pricing: createPriceRules({ ...pricingEnv, catalog }), config: { ...serverEnv, publishableKey: mode.publishableKey, webhookSecret: mode.webhookSecret, sandbox: false } }));
}
// A module script loaded from another origin (a CMS page) is fetched with CORS.
app.use('/link-checkout*', async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
});
app.get('/link-checkout*', serveStatic({ root: join(root, 'dist') }));
app.get('/', serveStatic({ path: join(root, 'demo/index.html') }));
app.get('/demo/*', serveStatic({ root }));
// The merchant's page, and the page a customer completes an order on (a charge the bank wants
// authenticated, an embedded Checkout Session); both are plain files that read the rest at run time.
app.get('/admin', serveStatic({ path: join(root, 'pages/admin.html') }));
app.get('/pay/:orderId', serveStatic({ path: join(root, 'pages/pay.html') }));
app.get('/pages/*', serveStatic({ root }));
app.notFound(handleNotFound);

const server = serve({ fetch: app.fetch, port: Number(env.PORT ?? 8787), hostname: env.HOST ?? 'localhost' }, (info) => {
  const origin = env.PUBLIC_URL ?? `http://localhost:${info.port}`;
  onListening(origin);
  console.log(`Link Checkout listening on ${origin} (${mode.kind === 'sandbox' ? 'offline sandbox' : 'Stripe'})`);
});

// The reconciler's sweep: events the webhook never brought, and orders still waiting on Stripe.
const reconcileEvery = Number(env.RECONCILE_INTERVAL_MS ?? 60_000);
if (reconcileEvery > 0) {
  const reconciler = createReconciler({ stripe: stripeClient, store });
  setInterval(() => void reconciler.sweep().catch((err: Error) => console.error('link-checkout: reconciler sweep failed:', err.message)), reconcileEvery).unref();
}

// Close the store on the way out so the embedded database is flushed, not cut mid-write.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    closeSandbox()
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
}
