/**
 * The checkout server for fetch-based runtimes other than Node (Bun, Deno, workerd): the same
 * `createApp` as server/main.ts, decided by the same environment variables, with no file system.
 * Each runtime's entry (bun.ts, deno.ts, workerd.ts) only opens the store and serves `fetch`.
 *
 * Differences from `link-checkout serve` (Node): no static files (serve dist/link-checkout.js
 * from any static host; the page sets `server=`), and the sandbox keeps the emulator's state in
 * memory, so its payments are forgotten at a restart (the orders stay in the store).
 */
import { Hono } from 'hono';
import Stripe from 'stripe';
import { createApp, handleNotFound, type ServerConfig } from '../server/app.ts';
import { resolvePricing, resolveStripeMode } from '../server/env.ts';
import { createPriceRules, parseCatalog, type Catalog } from '../server/pricing/index.ts';
import type { Store } from '../server/store/types.ts';
import { createStripeEmulator } from '../sandbox/api/index.ts';
import { SANDBOX_OPEN_AMOUNTS, SANDBOX_SIGNING_SECRET } from '../sandbox/defaults.ts';
import sampleCatalog from '../server/catalog.sample.json' with { type: 'json' };

export type RuntimeEnv = Record<string, string | undefined>;

/** Where the emulator's webhook endpoint points; delivered in-process, as in sandbox/wire.ts. */
const SANDBOX_WEBHOOK_URL = 'http://link-checkout.sandbox/api/webhook';

export interface RuntimeApp {
  app: Hono;
  /** Sandbox only: resolves once the emulator's queued webhook deliveries have landed. */
  webhooksIdle(): Promise<void>;
}

/**
 * The app for `env`: Stripe with STRIPE_SECRET_KEY + STRIPE_PUBLISHABLE_KEY, the offline sandbox
 * with neither (mounted at /sandbox/stripe, where the browser stand-in calls it). `store` is
 * asked for per use, so a runtime may give each request a connection of its own (workerd).
 * CATALOG_JSON holds the catalog (no files to read here); the sample catalog otherwise.
 */
export function createRuntimeApp(env: RuntimeEnv, store: Store): RuntimeApp {
  const mode = resolveStripeMode(env);
  const catalog: Catalog = parseCatalog(env.CATALOG_JSON ? JSON.parse(env.CATALOG_JSON) : sampleCatalog);
  const pricing = resolvePricing(env);
  const config: Partial<ServerConfig> = { adminToken: env.ADMIN_TOKEN?.trim() || undefined, publicUrl: env.PUBLIC_URL?.trim() || undefined };

  if (mode.kind === 'real') {
    // The fetch client: Node's http module is not there on every runtime.
    const stripe = new Stripe(mode.secretKey, { ...mode.api, httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 2 });
    const app = createApp({ stripe, store, pricing: createPriceRules({ ...pricing, catalog }), config: { ...config, publishableKey: mode.publishableKey, webhookSecret: mode.webhookSecret, sandbox: false } });
    return { app, webhooksIdle: async () => {} };
  }

  let server: Hono | undefined;
  const emulator = createStripeEmulator({
    deliver: async (request) => (server ? server.fetch(request) : new Response('server not ready', { status: 503 })),
    secretKey: env.SANDBOX_SECRET_KEY?.trim() || undefined,
    publishableKey: env.SANDBOX_PUBLISHABLE_KEY?.trim() || undefined,
  });
  const endpoint = emulator.ensureWebhookEndpoint(SANDBOX_WEBHOOK_URL);
  server = createApp({
    stripe: emulator.stripeClient(),
    store,
    pricing: createPriceRules({ signingSecret: SANDBOX_SIGNING_SECRET, openAmounts: SANDBOX_OPEN_AMOUNTS, ...pricing, catalog }),
    config: { ...config, publishableKey: emulator.publishableKey, webhookSecret: endpoint.secret, sandbox: true },
  });
  const app = new Hono();
  app.route('/sandbox/stripe', emulator.app);
  app.route('/', server);
  app.notFound(handleNotFound);
  return { app, webhooksIdle: () => emulator.webhooksIdle() };
}
