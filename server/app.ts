import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './deps.ts';
import { ApiError, sendError } from './errors.ts';
import { adminRoutes } from './admin/index.ts';
import { createReconciler } from './reconciler.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { storefrontRoutes } from './routes/storefront.ts';
import { webhookRoutes } from './routes/webhook.ts';

export type { AppDeps, ServerConfig } from './deps.ts';

/** JSON 404s; apps that mount this one (sandbox wiring, main.ts) install it too, as Hono's notFound is per app. */
export const handleNotFound = (c: Context) =>
  sendError(c, new ApiError(404, 'invalid_request_error', 'route_not_found', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`));

const tooLarge = new ApiError(413, 'invalid_request_error', 'body_too_large', 'The request body is too large.');

/**
 * The Link Checkout server, built from injected parts so the same app runs on real Stripe, on
 * the sandbox and in tests, on any fetch-based runtime. Static files are main.ts's business.
 */
export function createApp(given: AppDeps) {
  const deps = { ...given, reconciler: given.reconciler ?? createReconciler(given) };
  const app = new Hono();

  // The widget is embedded on other origins (CMS pages); the API uses no cookies, so any origin may call it.
  app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['Content-Type'], maxAge: 600 }));
  app.use('/api/checkout', bodyLimit({ maxSize: 16 * 1024, onError: (c) => sendError(c, tooLarge) }));
  app.use('/api/webhook', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => sendError(c, tooLarge) }));

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
    console.error('[link-checkout] unexpected error:', err);
    return sendError(c, new ApiError(500, 'api_error', 'internal_error', 'Something went wrong on our side. Check the order status before trying again.'));
  });
  return app;
}
