/**
 * The offline Stripe REST emulator: a Hono app serving the subset of /v1 the checkout uses, plus
 * /_sandbox/* helpers. See sandbox/README.md for the contract.
 */
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import Stripe from 'stripe';
import { errorResponseBody, invalidRequest } from './errors.ts';
import { EventLog } from './events.ts';
import { FaultError, type FaultRule, Faults, sleep } from './faults.ts';
import { type RouterDeps, routePath } from './http.ts';
import { IdempotencyStore } from './idempotency.ts';
import { randomString } from './ids.ts';
import { confirmationTokenRoutes } from './routes/confirmation-tokens.ts';
import { customerRoutes } from './routes/customers.ts';
import { eventRoutes, sandboxRoutes } from './routes/events.ts';
import { paymentIntentRoutes } from './routes/payment-intents.ts';
import { setupIntentRoutes } from './routes/setup-intents.ts';
import { checkoutSessionRoutes } from './routes/checkout-sessions.ts';
import { customerSessionRoutes } from './routes/customer-sessions.ts';
import { linkRoutes } from './routes/link.ts';
import { paymentLinkRoutes } from './routes/payment-links.ts';
import { productRoutes } from './routes/products.ts';
import { refundRoutes } from './routes/refunds.ts';
import { chargeRoutes } from './routes/charges.ts';
import { paymentMethodDomainRoutes } from './routes/payment-method-domains.ts';
import { webhookEndpointRoutes } from './routes/webhook-endpoints.ts';
import { sandboxPageRoutes } from './routes/sandbox-pages.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { type LinkAccountInput, registerLinkAccount } from './resources/link-accounts.ts';
import { onInvoicePaymentIntentEvent } from './resources/subscriptions.ts';
import { createEndpoint } from './resources/webhook-endpoints.ts';
import { Persister, type StateStore, parseSnapshot, serializeSnapshot } from './snapshot.ts';
import { type Ctx, type Emit, type LinkAccount, type State, createState } from './state.ts';
import { type DeliveryAttempt, type DeliveryControl, type DeliveryMatch, type RetryPolicy, Webhooks } from './webhooks.ts';

export type { FaultRule, FaultKind } from './faults.ts';
export type { DeliveryAttempt, DeliveryControl, DeliveryMatch, RetryPolicy } from './webhooks.ts';
export type { LinkAccountInput } from './resources/link-accounts.ts';
export type { StateStore } from './snapshot.ts';

/** The Link account every emulator starts with (sandbox-only; see resources/link-accounts.ts). */
export const DEMO_LINK_ACCOUNT = {
  email: 'link-demo@example.com',
  input: {
    name: 'Jenny Rosen',
    phone: '+14155550123',
    shipping: { address: { line1: '354 Oyster Point Blvd', city: 'South San Francisco', state: 'CA', postal_code: '94080', country: 'US' } },
    card: { number: '4242424242424242' },
  } satisfies LinkAccountInput,
};

export interface StripeEmulatorOptions {
  /** Sends webhook deliveries (default: global fetch). */
  deliver?: (req: Request) => Promise<Response>;
  secretKey?: string;
  publishableKey?: string;
  /** Clock in milliseconds for object timestamps and expiry (default Date.now). */
  now?: () => number;
  /** Webhook retries after a non-2xx answer or a failed send (default 4 attempts, 100 ms base backoff). */
  webhookRetry?: Partial<RetryPolicy>;
  /**
   * Public origin (plus mount prefix) for sandbox page URLs (`checkout.session.url`,
   * `payment_link.url`). Default: taken from each API request's own URL.
   */
  publicBaseUrl?: string;
  /**
   * Where the state is kept across restarts (e.g. `directoryStateStore(dir)` from state-dir.ts).
   * Loaded once here; saved after changes (coalesced, see saveDelayMs) and on flush()/close().
   * Keys given above win over the saved ones (and are saved).
   */
  stateStore?: StateStore;
  /** How long after a change the state is saved, coalescing changes in between (default 100 ms). */
  saveDelayMs?: number;
  /**
   * With a stateStore: every POST or DELETE is saved before it is answered, as Stripe never
   * forgets what it has told you, so a crash right after an answer loses nothing (default false).
   */
  durable?: boolean;
}

export interface StripeEmulator {
  app: Hono;
  fetch(req: Request): Promise<Response>;
  secretKey: string;
  publishableKey: string;
  /** The official SDK, its HTTP going to `fetch` in-process. `config` may add e.g. maxNetworkRetries. */
  stripeClient(config?: Stripe.StripeConfig): Stripe;
  addWebhookEndpoint(url: string, opts?: { secret?: string; enabledEvents?: string[] }): { id: string; secret: string };
  /** The enabled endpoint already registered for `url` (e.g. restored from saved state), or a new one. */
  ensureWebhookEndpoint(url: string, opts?: { enabledEvents?: string[] }): { id: string; secret: string };
  webhooksIdle(): Promise<void>;
  /** Saves the state now (no-op without a stateStore). */
  flush(): Promise<void>;
  /** Lets queued webhook deliveries finish, then saves the state. The emulator still answers afterwards. */
  close(): Promise<void>;
  /** Every webhook delivery attempt so far (for tests). */
  webhookAttempts(): readonly DeliveryAttempt[];
  /** Fault injection (sandbox-only). */
  faults: { set(rule: FaultRule): void; clear(): void };
  /**
   * Sandbox-only: the next webhook delivery matching `match` (event type or `prefix.*`, endpoint)
   * is duplicated, delayed and/or dropped. Each call applies to one delivery; calls queue in order.
   */
  webhookControls: { next(control: DeliveryControl, match?: DeliveryMatch): void; clear(): void };
  /** Sandbox-only: registers an email as a Link account for the stand-in's one-time-code login. */
  registerLinkAccount(email: string, input: LinkAccountInput): LinkAccount;
  /** Direct access to the in-memory state, for tests and debugging. Not part of Stripe's API. */
  state: State;
}

export function createStripeEmulator(opts: StripeEmulatorOptions = {}): StripeEmulator {
  const savedJson = opts.stateStore?.load() ?? null;
  const saved = savedJson === null ? null : parseSnapshot(savedJson, opts.stateStore!.location);
  const secretKey = opts.secretKey ?? saved?.keys.secretKey ?? `sk_test_sandbox_${randomString(24)}`;
  const publishableKey = opts.publishableKey ?? saved?.keys.publishableKey ?? `pk_test_sandbox_${randomString(24)}`;
  const nowMs = opts.now ?? Date.now;
  const now = () => Math.floor(nowMs() / 1000);
  const state: State = saved?.state ?? createState();
  if (opts.publicBaseUrl !== undefined || !saved) state.publicBaseUrl = opts.publicBaseUrl ?? null;
  const store = opts.stateStore;
  const persister = store ? new Persister(store, () => serializeSnapshot(state, { secretKey, publishableKey }), opts.saveDelayMs ?? 100) : null;
  if (persister && savedJson !== null) persister.loaded(savedJson);
  const changed = () => persister?.schedule();
  const log = new EventLog(state.events);
  const faults = new Faults();
  // Signatures use the real clock even when `now` is faked: receivers verify `t` against theirs.
  const webhooks = new Webhooks(
    state.webhookEndpoints,
    opts.deliver ?? ((req) => fetch(req)),
    Date.now,
    faults,
    { maxAttempts: opts.webhookRetry?.maxAttempts ?? 4, baseDelayMs: opts.webhookRetry?.baseDelayMs ?? 100 },
    changed,
  );

  const ctxFor: RouterDeps['ctxFor'] = (request, baseUrl) => {
    const emit: Emit = (type, object, previous) => {
      const event = log.create(type, object, now(), request, previous);
      webhooks.dispatch(event);
      changed();
      // Follow-on effects of a payment on the invoice it pays (a subscription's first invoice).
      if (type.startsWith('payment_intent.')) onInvoicePaymentIntentEvent(ctx, type, object as Stripe.PaymentIntent);
    };
    const ctx: Ctx = { state, now, emit, baseUrl: state.publicBaseUrl ?? baseUrl };
    return ctx;
  };
  if (!state.linkAccounts.has(DEMO_LINK_ACCOUNT.email)) {
    registerLinkAccount(state, DEMO_LINK_ACCOUNT.email, DEMO_LINK_ACCOUNT.input, new Date(nowMs()).getUTCFullYear());
  }
  const deps: RouterDeps = { keys: { secretKey, publishableKey }, idempotency: new IdempotencyStore(state.idempotency), ctxFor };

  const app = new Hono();
  // api.stripe.com answers CORS requests from any origin; Stripe.js relies on it.
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Stripe-Version', 'Stripe-Account'],
      exposeHeaders: ['Request-Id', 'Idempotency-Key', 'Idempotent-Replayed', 'Stripe-Version'],
      maxAge: 300,
    }),
  );
  if (persister && opts.durable) {
    app.use('*', async (c, next) => {
      await next();
      if (c.req.method === 'POST' || c.req.method === 'DELETE') await persister.flush();
    });
  }
  app.use('*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const fault = faults.pick(c.req.method, routePath(c));
    if (!fault) return next();
    if (fault.kind === 'drop') throw new FaultError('drop');
    if (fault.kind === '5xx') {
      return c.json({ error: { type: 'api_error', message: 'Sandbox fault injection: simulated internal error.' } }, 500);
    }
    if (fault.kind === 'slow') {
      await sleep(fault.delayMs ?? 200);
      return next();
    }
    await next(); // 'timeout': the request runs, its answer is lost
    await sleep(fault.delayMs ?? 0);
    throw new FaultError('timeout');
  });
  // Any request may change the state (even a GET: a Payment Link visit opens a Checkout Session,
  // an expired session is marked so when read); the persister skips writes that change nothing.
  app.use('*', async (_c, next) => {
    try {
      await next();
    } finally {
      changed();
    }
  });

  confirmationTokenRoutes(app, deps);
  paymentIntentRoutes(app, deps);
  refundRoutes(app, deps);
  chargeRoutes(app, deps);
  paymentMethodDomainRoutes(app, deps);
  webhookEndpointRoutes(app, deps);
  setupIntentRoutes(app, deps);
  customerRoutes(app, deps);
  customerSessionRoutes(app, deps);
  productRoutes(app, deps);
  checkoutSessionRoutes(app, deps);
  paymentLinkRoutes(app, deps);
  subscriptionRoutes(app, deps);
  sandboxPageRoutes(app, deps);
  linkRoutes(app, deps);
  eventRoutes(app, deps, log);
  sandboxRoutes(app, deps);

  // A catch-all route rather than only notFound(), so the Stripe-shaped 404 also applies when
  // this app is mounted inside another (sandbox/wire.ts mounts it under /sandbox/stripe).
  const unrecognized = (c: Context) => {
    const err = invalidRequest(`Unrecognized request URL (${c.req.method}: ${routePath(c)}).`, { status: 404 });
    return c.json(errorResponseBody(err), 404);
  };
  app.all('*', unrecognized);
  app.notFound(unrecognized);
  app.onError((err, c) => {
    // Injected network faults must reach the caller as a rejected fetch, not an HTTP answer.
    if (err instanceof FaultError) throw err;
    console.error('[sandbox/api]', err);
    return c.json({ error: { type: 'api_error', message: 'An unexpected error occurred in the sandbox emulator.' } }, 500);
  });

  const emulator: StripeEmulator = {
    app,
    fetch: async (req) => app.fetch(req),
    secretKey,
    publishableKey,
    stripeClient(config) {
      return new Stripe(secretKey, {
        ...config,
        httpClient: Stripe.createFetchHttpClient((url, init) => emulator.fetch(new Request(url, init))),
        host: 'api.stripe.sandbox',
        protocol: 'http',
        port: 80,
        telemetry: false,
      });
    },
    addWebhookEndpoint(url, o) {
      const endpoint = createEndpoint(state, now(), { url, ...o });
      changed();
      return { id: endpoint.id, secret: endpoint.secret };
    },
    ensureWebhookEndpoint(url, o) {
      const existing = [...state.webhookEndpoints.values()].find((e) => e.url === url && e.status === 'enabled');
      return existing ? { id: existing.id, secret: existing.secret } : emulator.addWebhookEndpoint(url, o);
    },
    webhooksIdle: () => webhooks.idle(),
    flush: () => persister?.flush() ?? Promise.resolve(),
    async close() {
      await webhooks.idle();
      await persister?.flush();
    },
    webhookAttempts: () => webhooks.attempts,
    faults: { set: (rule) => faults.set(rule), clear: () => faults.clear() },
    webhookControls: { next: (control, match) => webhooks.next(control, match), clear: () => webhooks.clearControls() },
    registerLinkAccount(email, input) {
      const account = registerLinkAccount(state, email, input, new Date(nowMs()).getUTCFullYear());
      changed();
      return account;
    },
    state,
  };
  return emulator;
}
