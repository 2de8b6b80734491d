/** /v1/setup_intents: create, retrieve (secret key, or publishable key + client_secret), confirm, cancel. */
import type { Hono } from 'hono';
import { clientSecretMismatch, missingParam } from '../errors.ts';
import { applyExpand, checkExpand } from '../expand.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, type Spec, parseParams } from '../params.ts';
import { CLIENT_CONFIRM, clientConfirmSource } from './client-confirm.ts';
import { EXCLUDED_TYPES, checkCreateReferences, checkTokenNeedsConfirm } from './intent-create.ts';
import { checkConfirm } from '../resources/confirm-checks.ts';
import { usableConfirmationToken } from '../resources/confirmation-tokens.ts';
import {
  cancelSetupIntent,
  clientSetupView,
  confirmSetupIntent,
  newSetupIntent,
  requireSetupIntent,
} from '../resources/setup-intents.ts';

const EXPANDABLE = ['customer', 'payment_method'] as const;
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

const CREATE: Record<string, Spec> = {
  customer: 'string',
  description: 'string',
  metadata: 'map',
  usage: { enum: ['off_session', 'on_session'] },
  confirm: 'bool',
  confirmation_token: 'string',
  payment_method: 'string',
  payment_method_types: { array: 'string' },
  return_url: 'string',
  use_stripe_sdk: 'bool',
  automatic_payment_methods: { obj: { enabled: 'bool', allow_redirects: { enum: ['always', 'never'] } }, required: ['enabled'] },
  excluded_payment_method_types: EXCLUDED_TYPES,
  expand: EXPAND,
};

const CONFIRM: Record<string, Spec> = {
  confirmation_token: 'string',
  payment_method: 'string',
  return_url: 'string',
  use_stripe_sdk: 'bool',
  expand: EXPAND,
};

export function setupIntentRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/setup_intents', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CREATE);
    const expand = checkExpand(p.expand, EXPANDABLE);
    checkTokenNeedsConfirm(p);
    const pm = checkCreateReferences(ctx, p);
    const si = newSetupIntent(ctx, p);
    if (p.confirm) checkConfirm(ctx, si, 'SetupIntent', { confirmation_token: p.confirmation_token, return_url: p.return_url, secretKey: true });
    ctx.state.setupIntents.set(si.id, si);
    if (pm) {
      si.payment_method = pm.id;
      si.status = 'requires_confirmation';
    }
    ctx.emit('setup_intent.created', si);
    if (p.confirm) confirmSetupIntent(ctx, si, { confirmation_token: p.confirmation_token, payment_method: pm?.id });
    return applyExpand(ctx.state, si, expand);
  });

  defineRoute(app, deps, 'GET', '/v1/setup_intents/:id', 'browser', (req, ctx) => {
    const p = parseParams(req.params, { client_secret: 'string', expand: EXPAND });
    if (req.keyKind === 'publishable') {
      if (!p.client_secret) throw missingParam('client_secret');
      const si = requireSetupIntent(ctx, req.path.id);
      if (si.client_secret !== p.client_secret) throw clientSecretMismatch('SetupIntent');
      return clientSetupView(si);
    }
    const expand = checkExpand(p.expand, EXPANDABLE);
    return applyExpand(ctx.state, requireSetupIntent(ctx, req.path.id), expand);
  });

  defineRoute(app, deps, 'POST', '/v1/setup_intents/:id/confirm', 'browser', (req, ctx) => {
    if (req.keyKind === 'publishable') {
      // Stripe.js confirmSetup: publishable key + client_secret (see routes/client-confirm.ts).
      const p = parseParams(req.params, CLIENT_CONFIRM);
      const si = requireSetupIntent(ctx, req.path.id);
      if (!CONFIRMABLE.includes(si.status)) confirmSetupIntent(ctx, si, {});
      if (p.confirmation_token) usableConfirmationToken(ctx, p.confirmation_token);
      confirmSetupIntent(ctx, si, clientConfirmSource(ctx, si, 'SetupIntent', p));
      return clientSetupView(si);
    }
    const p = parseParams(req.params, CONFIRM);
    const expand = checkExpand(p.expand, EXPANDABLE);
    const si = requireSetupIntent(ctx, req.path.id);
    if (CONFIRMABLE.includes(si.status)) {
      if (p.confirmation_token) usableConfirmationToken(ctx, p.confirmation_token);
      checkConfirm(ctx, si, 'SetupIntent', { confirmation_token: p.confirmation_token, return_url: p.return_url, secretKey: true });
    }
    confirmSetupIntent(ctx, si, { confirmation_token: p.confirmation_token, payment_method: p.payment_method });
    return applyExpand(ctx.state, si, expand);
  });

  defineRoute(app, deps, 'POST', '/v1/setup_intents/:id/cancel', 'secret', (req, ctx) => {
    const p = parseParams(req.params, {
      cancellation_reason: { enum: ['abandoned', 'duplicate', 'requested_by_customer'] },
      expand: EXPAND,
    });
    const si = requireSetupIntent(ctx, req.path.id);
    cancelSetupIntent(ctx, si, p.cancellation_reason);
    return applyExpand(ctx.state, si, checkExpand(p.expand, EXPANDABLE));
  });
}
