import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET,POST';
const ALLOW_HEADERS = 'Content-Type';
const EXPOSE_HEADERS = 'Retry-After';
const MAX_AGE = '600';

/**
 * CORS for /api/*, as hono/cors answers it for these options, but through c.header(). hono/cors
 * sets its headers on c.res before the route runs, so every response is rebuilt with them copied
 * over, which takes @hono/node-server off its fast path: GET /api/config served 13–21k req/s with
 * it against 49k without (autocannon, 10 connections, `npm run bench`). Headers given through
 * c.header() go straight onto the response the route or the error handler makes.
 */
export function apiCors(allowedOrigins: string[] | '*'): MiddlewareHandler {
  const anyOrigin = allowedOrigins === '*';
  return async (c, next) => {
    const origin = c.req.header('origin') ?? '';
    const allowOrigin = anyOrigin ? '*' : allowedOrigins.includes(origin) ? origin : null;
    if (allowOrigin) c.header('Access-Control-Allow-Origin', allowOrigin);
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    if (!anyOrigin) c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Max-Age', MAX_AGE);
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      return c.body(null, 204);
    }
    await next();
  };
}
