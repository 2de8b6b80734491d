/**
 * Route plumbing shared by every endpoint: API-key auth, form/query decoding, idempotent replay,
 * Stripe's error envelope, and the `Request-Id` / `Stripe-Version` response headers.
 */
import type { Context, Hono } from 'hono';
import { authenticate, type KeyKind } from './auth.ts';
import { StripeApiError, apiError, errorResponseBody } from './errors.ts';
import { API_VERSION } from './events.ts';
import { canonicalParams, decodeForm, type FormObject } from './form.ts';
import type { IdempotencyStore } from './idempotency.ts';
import { newId } from './ids.ts';
import type { Ctx } from './state.ts';

export interface Req {
  params: FormObject;
  path: Record<string, string>;
  keyKind: KeyKind;
}

export type Handler = (req: Req, ctx: Ctx) => unknown;

/** Request metadata recorded on events (`event.request`). */
export type RequestInfo = { id: string | null; idempotency_key: string | null } | null;

export interface RouterDeps {
  keys: { secretKey: string; publishableKey: string };
  idempotency: IdempotencyStore;
  /** A Ctx whose emitted events carry this request's info. */
  ctxFor(request: RequestInfo, baseUrl?: string): Ctx;
}

export type Auth = 'secret' | 'browser';

export function defineRoute(
  app: Hono,
  deps: RouterDeps,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  auth: Auth,
  handler: Handler,
  opts: { customerAction?: boolean } = {},
): void {
  app.on(method, path, async (c) => {
    const requestId = newId('req');
    const version = c.req.header('Stripe-Version') ?? API_VERSION;
    const respond = (status: number, body: string, extra: Record<string, string> = {}) =>
      new Response(body, {
        status,
        headers: { 'Content-Type': 'application/json', 'Request-Id': requestId, 'Stripe-Version': version, ...extra },
      });
    const fail = (err: unknown) => {
      const e = err instanceof StripeApiError ? err : apiError('An unexpected error occurred in the sandbox emulator.');
      if (!(err instanceof StripeApiError)) console.error('[sandbox/api]', err);
      return e;
    };

    let auth_: { apiKey: string; kind: KeyKind };
    try {
      auth_ = authenticate(c.req.header('Authorization'), deps.keys, auth);
    } catch (err) {
      const e = fail(err);
      return respond(e.status, JSON.stringify(errorResponseBody(e), null, 2));
    }

    const raw = method === 'POST' ? await c.req.text() : new URL(c.req.url).search.slice(1);
    const idemKey = method === 'POST' ? c.req.header('Idempotency-Key') ?? null : null;
    const req: Req = { params: decodeForm(raw), path: c.req.param() as Record<string, string>, keyKind: auth_.kind };
    const info: RequestInfo = opts.customerAction ? null : { id: requestId, idempotency_key: idemKey };

    if (idemKey) {
      const fingerprint = `${method} ${routePath(c)}\n${canonicalParams(raw)}`;
      let saved;
      try {
        saved = deps.idempotency.begin(auth_.apiKey, idemKey, fingerprint);
      } catch (err) {
        const e = fail(err);
        return respond(e.status, JSON.stringify(errorResponseBody(e), null, 2));
      }
      if (saved) {
        return respond(saved.status, saved.body, {
          'Idempotency-Key': idemKey,
          'Idempotent-Replayed': 'true',
          'Original-Request': saved.requestId,
        });
      }
    }

    let status = 200;
    let body: string;
    let beforeExecution = false;
    try {
      body = JSON.stringify(await handler(req, deps.ctxFor(info, baseUrlOf(c))), null, 2);
    } catch (err) {
      const e = fail(err);
      status = e.status;
      beforeExecution = e.beforeExecution;
      body = JSON.stringify(errorResponseBody(e), null, 2);
    }
    if (idemKey) {
      if (beforeExecution) deps.idempotency.release(auth_.apiKey, idemKey);
      else deps.idempotency.save(auth_.apiKey, idemKey, { status, body, requestId });
      return respond(status, body, { 'Idempotency-Key': idemKey });
    }
    return respond(status, body);
  });
}

/** The request path without any mount prefix (the emulator may be mounted under /sandbox/stripe). */
export function routePath(c: Context): string {
  const p = c.req.path;
  const i = p.search(/\/(v1|_sandbox)\//);
  return i === -1 ? p : p.slice(i);
}

/** Origin plus mount prefix of the emulator that received this request (for sandbox page URLs). */
export function baseUrlOf(c: Context): string {
  const url = new URL(c.req.url);
  const i = url.pathname.search(/\/(v1|_sandbox)\//);
  return `${url.origin}${i === -1 ? '' : url.pathname.slice(0, i)}`;
}
