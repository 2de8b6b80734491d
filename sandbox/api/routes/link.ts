/** Sandbox-only Link routes for the Stripe.js stand-in: lookup, one-time-code sign-in, sign-up (see resources/link-accounts.ts). */
import type { Hono } from 'hono';
import { type RouterDeps, defineRoute } from '../http.ts';
import { BILLING_DETAILS, SHIPPING, obj, parseParams } from '../params.ts';
import { lookupLinkAccount, signUpForLink, verifyLinkAccount } from '../resources/link-accounts.ts';

const SIGNUP = {
  email: 'string',
  phone: 'string',
  name: 'string',
  card: obj({ number: 'string', exp_month: 'int', exp_year: 'int', cvc: 'string' }, ['number', 'exp_month', 'exp_year']),
  billing_details: BILLING_DETAILS,
  shipping: SHIPPING,
} as const;

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

  // The Payment Element's Link sign-up: a pending account and the `link` PaymentMethod to pay with.
  defineRoute(
    app,
    deps,
    'POST',
    '/_sandbox/link/signup',
    'browser',
    (req, ctx) => signUpForLink(ctx, parseParams(req.params, SIGNUP, ['email', 'phone', 'card'])),
    { customerAction: true },
  );
}
