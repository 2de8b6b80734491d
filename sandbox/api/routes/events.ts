/** /v1/events (list, retrieve) and the sandbox-only /_sandbox/3ds/:payment_intent (also takes a seti_ id). */
import type { Hono } from 'hono';
import { clientSecretMismatch, resourceMissing } from '../errors.ts';
import type { EventLog } from '../events.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, parseParams } from '../params.ts';
import { clientView, finishAuthentication, requirePaymentIntent } from '../resources/payment-intents.ts';
import { clientSetupView, finishSetupAuthentication, requireSetupIntent } from '../resources/setup-intents.ts';

export function eventRoutes(app: Hono, deps: RouterDeps, log: EventLog): void {
  defineRoute(app, deps, 'GET', '/v1/events', 'secret', (req) => {
    const p = parseParams(req.params, {
      type: 'string',
      types: { array: 'string' },
      delivery_success: 'bool',
      limit: 'int',
      starting_after: 'string',
      expand: EXPAND,
    });
    const limit = Math.min(Math.max(p.limit ?? 10, 1), 100);
    const { data, has_more } = log.list({ type: p.type, types: p.types, delivery_success: p.delivery_success, starting_after: p.starting_after, limit });
    return { object: 'list', data, has_more, url: '/v1/events' };
  });

  defineRoute(app, deps, 'GET', '/v1/events/:id', 'secret', (req) => {
    parseParams(req.params, { expand: EXPAND });
    const event = log.get(req.path.id);
    if (!event) throw resourceMissing('event', req.path.id);
    return event;
  });
}

export function sandboxRoutes(app: Hono, deps: RouterDeps): void {
  // Plays the card issuer's 3DS challenge page. Events it causes carry `request: null`, as
  // customer-driven changes do on Stripe.
  defineRoute(
    app,
    deps,
    'POST',
    '/_sandbox/3ds/:payment_intent',
    'browser',
    (req, ctx) => {
      const p = parseParams(req.params, { client_secret: 'string', outcome: { enum: ['complete', 'fail'] } }, ['client_secret', 'outcome']);
      const id = req.path.payment_intent;
      if (id.startsWith('seti_')) {
        const si = requireSetupIntent(ctx, id, 'setup_intent');
        if (si.client_secret !== p.client_secret) throw clientSecretMismatch('SetupIntent');
        finishSetupAuthentication(ctx, si, p.outcome);
        return req.keyKind === 'publishable' ? clientSetupView(si) : si;
      }
      const pi = requirePaymentIntent(ctx, id, 'payment_intent');
      if (pi.client_secret !== p.client_secret) throw clientSecretMismatch('PaymentIntent');
      finishAuthentication(ctx, pi, p.outcome);
      return req.keyKind === 'publishable' ? clientView(pi) : pi;
    },
    { customerAction: true },
  );
}
