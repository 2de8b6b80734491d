import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './deps.ts';
import { ApiError, sendError } from './errors.ts';
import { adminRoutes } from './admin/index.ts';
import { OPEN_GUARDS } from './middleware/guards.ts';
import { createReconciler } from './reconciler.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { healthRoutes } from './routes/health.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { storefrontRoutes } from './routes/storefront.ts';
import { webhookRoutes } from './routes/webhook.ts';

export type { AppDeps, ServerConfig } from './deps.ts';

/** JSON 404s; apps that mount this one (sandbox wiring, main.ts) install it too, as Hono's notFound is per app. */
export const handleNotFound = (c: Context) =>
  sendError(c, new ApiError(404, 'invalid_request_error', 'route_not_found', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`));

const tooLarge = new ApiError(413, 'invalid_request_error', 'body_too_large', 'The request body is too large.');

/**
 * What an unexpected error may put in the log: its kind, message, code and stack. Database
 * drivers attach the query and its parameters (a shopper's email) to their errors; those stay out.
 */
export function describeUnexpectedError(err: unknown): string {
  if (!(err instanceof Error)) return `a thrown ${typeof err}`;
  const code = (err as { code?: unknown }).code;
  const stack = err.stack ?? `${err.name}: ${err.message}`;
  return typeof code === 'string' ? `[${code}] ${stack}` : stack;
}

/**
 * The Link Checkout server, built from injected parts so the same app runs on real Stripe, on
 * the sandbox and in tests, on any fetch-based runtime. Static files are main.ts's business.
 */
export function createApp(given: AppDeps) {
  const deps = { ...given, reconciler: given.reconciler ?? createReconciler(given) };
  const app = new Hono();
  // Without guards of its own (tests, embedding) any origin may call and nothing is limited.
  const guards = deps.guards ?? OPEN_GUARDS;

  // CORS first, so a 429 or 413 still reaches the widget as a readable error.
  app.use('/api/*', guards.cors);
  app.use('/api/*', (c, next) => (c.req.method === 'POST' && c.req.path !== '/api/webhook' ? guards.writes(c, next) : next()));
  app.use('/api/checkout', (c, next) => (c.req.method === 'POST' ? guards.declines(c, next) : next()));
  app.use('/api/checkout', bodyLimit({ maxSize: 16 * 1024, onError: (c) => sendError(c, tooLarge) }));
  app.use('/api/webhook', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => sendError(c, tooLarge) }));

  app.route('/', healthRoutes(deps));
  app.route('/', storefrontRoutes(deps));
  app.route('/', checkoutRoutes(deps));
  app.route('/', sessionRoutes(deps));
  app.route('/', webhookRoutes(deps));
  app.use('/admin/api/*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => sendError(c, tooLarge) }));
  app.route('/', adminRoutes(deps));

  app.notFound(handleNotFound);
  app.onError((err, c) => {
    if (err instanceof ApiError) return sendError(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      return sendError(c, new ApiError(err.status as 400, 'invalid_request_error', 'bad_request', err.message || 'Bad request.'));
    }
    console.error(`[link-checkout] unexpected error on ${c.req.method} ${c.req.path}: ${describeUnexpectedError(err)}`);
    return sendError(c, new ApiError(500, 'api_error', 'internal_error', 'Something went wrong on our side. Check the order status before trying again.'));
  });
  return app;
}
