import { Hono } from 'hono';
import { createApp, handleNotFound } from '../server/app.ts';
import { catalogPriceRules, type Catalog } from '../server/pricing.ts';
import { createPgliteStore } from '../server/store/pglite.ts';
import type { Store } from '../server/store/types.ts';
import { createStripeEmulator, type StripeEmulator } from './api/index.ts';

/** Where the emulator's webhook endpoint points; delivered in-process, never over a network. */
const WEBHOOK_URL = 'http://link-checkout.sandbox/api/webhook';

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
  /** Lets queued webhook deliveries land, then closes the store. */
  close(): Promise<void>;
}

/**
 * The product server wired to the offline sandbox: its `stripe` SDK talks to the emulator
 * in-process, and the emulator's webhooks are delivered straight to its webhook route.
 */
export async function createSandboxServer(options: { catalog: Catalog; store?: Store }): Promise<SandboxServer> {
  const store = options.store ?? (await createPgliteStore());
  let serverApp: Hono | undefined;
  const emulator = createStripeEmulator({
    deliver: async (request) => (serverApp ? serverApp.fetch(request) : new Response('server not ready', { status: 503 })),
  });
  const endpoint = emulator.addWebhookEndpoint(WEBHOOK_URL);
  serverApp = createApp({
    stripe: emulator.stripeClient(),
    store,
    pricing: catalogPriceRules(options.catalog),
    config: { publishableKey: emulator.publishableKey, webhookSecret: endpoint.secret, sandbox: true },
  });

  const app = new Hono();
  app.route('/sandbox/stripe', emulator.app);
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
      await emulator.webhooksIdle();
      await store.close();
    },
  };
}
