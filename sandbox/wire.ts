import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createApp, handleNotFound, type ServerConfig } from '../server/app.ts';
import { ApiError, sendError } from '../server/errors.ts';
import type { ApiGuards } from '../server/middleware/guards.ts';
import { createPriceRules, signPrice, type Catalog, type PricingOptions } from '../server/pricing/index.ts';
import { createPgliteStore } from '../server/store/pglite.ts';
import type { Store } from '../server/store/types.ts';
import { WEBHOOK_EVENTS } from '../server/webhook-events.ts';
import { createStripeEmulator, type StripeEmulator } from './api/index.ts';
import { directoryStateStore } from './api/state-dir.ts';

/** Largest request body the mounted emulator reads. */
export const SANDBOX_BODY_LIMIT = 256 * 1024;

/** Where the emulator's webhook endpoint points; delivered in-process, never over a network. */
const WEBHOOK_URL = 'http://link-checkout.sandbox/api/webhook';
import { SANDBOX_OPEN_AMOUNTS, SANDBOX_SIGNING_SECRET } from './defaults.ts';

export { SANDBOX_OPEN_AMOUNTS, SANDBOX_SIGNING_SECRET };

export interface SandboxServer {
  /** The product server with the emulator mounted at /sandbox/stripe for the browser stand-in. */
  app: Hono;
  emulator: StripeEmulator;
  store: Store;
  /** The signing secret the server trusts for the emulator's deliveries. */
  webhookSecret: string;
  /**
   * Where browsers reach the emulator (origin + `/sandbox/stripe`), for the URLs it hands out:
   * hosted Checkout pages and Payment Links. Known once the server listens.
   */
  setPublicOrigin(origin: string): void;
  /** Lets queued webhook deliveries land, saves the emulator's state (with stateDir), then closes the store. */
  close(): Promise<void>;
}

/**
 * The product server wired to the offline sandbox: its `stripe` SDK talks to the emulator
 * in-process, and the emulator's webhooks are delivered straight to its webhook route.
 */
export async function createSandboxServer(options: {
  catalog: Catalog;
  store?: Store;
  pricing?: Partial<PricingOptions>;
  config?: Partial<ServerConfig>;
  /** Keep the emulator's state here across restarts (e.g. `${DATA_DIR}/sandbox`); in memory without. */
  stateDir?: string;
  /** Fixed sandbox keys (SANDBOX_SECRET_KEY / SANDBOX_PUBLISHABLE_KEY), e.g. to inspect its objects with the SDK. */
  keys?: { secretKey?: string; publishableKey?: string };
  /** CORS and rate limits of a deployment (main.ts). */
  guards?: ApiGuards;
}): Promise<SandboxServer> {
  const store = options.store ?? (await createPgliteStore());
  let serverApp: Hono | undefined;
  const emulator = createStripeEmulator({
    deliver: async (request) => (serverApp ? serverApp.fetch(request) : new Response('server not ready', { status: 503 })),
    ...(options.stateDir ? { stateStore: directoryStateStore(options.stateDir), durable: true } : {}),
    ...options.keys,
  });
  // Restored state already has this endpoint (and the secret the server must keep trusting). It
  // subscribes to what a deployment's endpoint does (README), not to every event the emulator makes.
  const endpoint = emulator.ensureWebhookEndpoint(WEBHOOK_URL, { enabledEvents: [...WEBHOOK_EVENTS] });
  serverApp = createApp({
    stripe: emulator.stripeClient(),
    store,
    pricing: createPriceRules({ signingSecret: SANDBOX_SIGNING_SECRET, openAmounts: SANDBOX_OPEN_AMOUNTS, ...options.pricing, catalog: options.catalog }),
    config: { ...options.config, publishableKey: emulator.publishableKey, webhookSecret: endpoint.secret, sandbox: true },
    ...(options.guards ? { guards: options.guards } : {}),
  });

  const app = new Hono();
  // The emulator reads whole bodies; Stripe's own requests are small form posts.
  app.use('/sandbox/stripe/*', bodyLimit({ maxSize: SANDBOX_BODY_LIMIT, onError: (c) => sendError(c, new ApiError(413, 'invalid_request_error', 'body_too_large', 'The request body is too large.')) }));
  app.route('/sandbox/stripe', emulator.app);
  // Sandbox-only, for the demo's signed-amount option: what `link-checkout sign --sandbox` prints.
  app.get('/sandbox/sign', async (c) => {
    const { mode = 'payment', amount, currency, interval, label } = c.req.query();
    const price = { mode: mode as 'payment', amount: Number(amount), currency: String(currency ?? '').toLowerCase(), ...(interval ? { interval: interval as 'month' } : {}), ...(label ? { label } : {}) };
    const signingSecret = options.pricing?.signingSecret ?? SANDBOX_SIGNING_SECRET;
    return c.json({ signature: await signPrice(signingSecret, price) });
  });
  app.route('/', serverApp);
  app.notFound(handleNotFound);
  return {
    app,
    emulator,
    store,
    webhookSecret: endpoint.secret,
    setPublicOrigin(origin) {
      emulator.state.publicBaseUrl = new URL('/sandbox/stripe', origin).href;
    },
    async close() {
      await emulator.close();
      await store.close();
    },
  };
}
