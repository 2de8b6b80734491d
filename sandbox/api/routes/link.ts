/** Sandbox-only Link account routes for the Stripe.js stand-in (see resources/link-accounts.ts). */
import type { Hono } from 'hono';
import { type RouterDeps, defineRoute } from '../http.ts';
import { parseParams } from '../params.ts';
import { lookupLinkAccount, verifyLinkAccount } from '../resources/link-accounts.ts';

export function linkRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/_sandbox/link/lookup', 'browser', (req, ctx) => {
    const p = parseParams(req.params, { email: 'string' }, ['email']);
    return lookupLinkAccount(ctx, p.email);
  });

  defineRoute(
    app,
    deps,
    'POST',
    '/_sandbox/link/verify',
    'browser',
    (req, ctx) => {
      const p = parseParams(req.params, { email: 'string', code: 'string' }, ['email', 'code']);
      return verifyLinkAccount(ctx, p.email, p.code);
    },
    { customerAction: true },
  );
}
