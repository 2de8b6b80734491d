/** /v1/payment_intents: create, retrieve (secret key, or publishable key + client_secret), update, confirm, capture, cancel, list. */
import type { Hono } from 'hono';
import type Stripe from 'stripe';
import { clientSecretMismatch, invalidParam, invalidRequest, missingParam } from '../errors.ts';
import { applyExpand, checkExpand } from '../expand.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, SHIPPING, type Spec, mergeMetadata, obj, parseParams } from '../params.ts';
import type { Ctx } from '../state.ts';
import { CLIENT_CONFIRM_PAYMENT, clientConfirmSource } from './client-confirm.ts';
import { EXCLUDED_TYPES, EXCLUDED_TYPES_EMPTYABLE, checkCreateReferences, checkTokenNeedsConfirm, excludedTypes } from './intent-create.ts';
import { checkConfirm } from '../resources/confirm-checks.ts';
import { usableConfirmationToken } from '../resources/confirmation-tokens.ts';
import { requireCustomer } from '../resources/customers.ts';
import { resolvePaymentMethod } from '../resources/payment-methods.ts';
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  clientView,
  confirmPaymentIntent,
  newPaymentIntent,
  requirePaymentIntent,
  shippingFrom,
  unexpectedState,
} from '../resources/payment-intents.ts';

const EXPANDABLE = ['customer', 'payment_method', 'latest_charge'] as const;
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const SFU: Spec = { enum: ['off_session', 'on_session', ''] };
const OFF_SESSION: Spec = { enum: ['true', 'false', 'one_off', 'recurring'] };

const COMMON: Record<string, Spec> = {
  amount: 'int',
  currency: 'string',
  customer: 'string',
  description: 'string',
  metadata: 'map',
  receipt_email: 'string',
  setup_future_usage: SFU,
  shipping: SHIPPING,
  capture_method: { enum: ['automatic', 'automatic_async', 'manual'] },
  payment_method: 'string',
  payment_method_types: { array: 'string' },
  statement_descriptor: 'string',
  statement_descriptor_suffix: 'string',
  excluded_payment_method_types: EXCLUDED_TYPES_EMPTYABLE,
  expand: EXPAND,
};

const CREATE: Record<string, Spec> = {
  ...COMMON,
  excluded_payment_method_types: EXCLUDED_TYPES,
  confirm: 'bool',
  confirmation_token: 'string',
  off_session: OFF_SESSION,
  return_url: 'string',
  use_stripe_sdk: 'bool',
  error_on_requires_action: 'bool',
  automatic_payment_methods: obj({ enabled: 'bool', allow_redirects: { enum: ['always', 'never'] } }, ['enabled']),
};

const CONFIRM: Record<string, Spec> = {
  confirmation_token: 'string',
  payment_method: 'string',
  off_session: OFF_SESSION,
  return_url: 'string',
  receipt_email: 'string',
  setup_future_usage: SFU,
  shipping: SHIPPING,
  capture_method: { enum: ['automatic', 'automatic_async', 'manual'] },
  excluded_payment_method_types: EXCLUDED_TYPES_EMPTYABLE,
  use_stripe_sdk: 'bool',
  error_on_requires_action: 'bool',
  expand: EXPAND,
};

/** Smallest amounts per currency (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts); others unchecked. */
const MINIMUM: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, jpy: 50 };

function checkAmount(amount: number, currency: string): void {
  const min = MINIMUM[currency.toLowerCase()];
  if (amount < 1 || (min !== undefined && amount < min)) {
    throw invalidRequest(`Amount must be at least ${min ?? 1} in the smallest ${currency.toLowerCase()} unit.`, {
      code: 'amount_too_small',
      param: 'amount',
      beforeExecution: true,
    });
  }
  if (amount > 99999999) {
    throw invalidRequest('Amount must be no more than 99999999 in the smallest currency unit.', { code: 'amount_too_large', param: 'amount', beforeExecution: true });
  }
}

function checkCurrency(currency: string): void {
  if (!/^[a-zA-Z]{3}$/.test(currency)) throw invalidParam('currency', `Invalid currency: ${currency}.`);
}

function out(ctx: Ctx, pi: Stripe.PaymentIntent, expand: string[]) {
  return applyExpand(ctx.state, pi, expand);
}

/** The intent as a confirm request would leave it: the setup_future_usage, capture_method and exclusions it sets apply. */
function withRequest(pi: Stripe.PaymentIntent, p: { setup_future_usage?: string; capture_method?: string; excluded_payment_method_types?: string[] | '' }) {
  return {
    ...pi,
    setup_future_usage: p.setup_future_usage !== undefined ? p.setup_future_usage || null : pi.setup_future_usage,
    capture_method: p.capture_method ?? pi.capture_method,
    excluded_payment_method_types: p.excluded_payment_method_types !== undefined ? excludedTypes(p.excluded_payment_method_types) : pi.excluded_payment_method_types,
  };
}

function offSession(v: string | undefined): boolean {
  return v !== undefined && v !== 'false';
}

export function paymentIntentRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/payment_intents', 'secret', (req, ctx) => {
    const p = parseParams(req.params, CREATE, ['amount', 'currency']);
    const expand = checkExpand(p.expand, EXPANDABLE);
    checkCurrency(p.currency);
    checkAmount(p.amount, p.currency);
    checkTokenNeedsConfirm(p);
    if (p.off_session !== undefined && !p.confirm) {
      throw invalidParam('off_session', 'off_session can only be passed together with confirm=true.');
    }
    const pm = checkCreateReferences(ctx, p);
    const pi = newPaymentIntent(ctx, p);
    const confirm = { confirmation_token: p.confirmation_token, return_url: p.return_url, off_session: offSession(p.off_session) };
    // A create+confirm that Stripe refuses before confirming leaves no intent behind.
    if (p.confirm) checkConfirm(ctx, pi, 'PaymentIntent', { ...confirm, secretKey: true });
    ctx.state.paymentIntents.set(pi.id, pi);
    if (pm) {
      pi.payment_method = pm.id;
      pi.status = 'requires_confirmation';
    }
    ctx.emit('payment_intent.created', pi);
    if (p.confirm) confirmPaymentIntent(ctx, pi, { ...confirm, payment_method: pm?.id });
    return out(ctx, pi, expand);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_intents/:id', 'browser', (req, ctx) => {
    if (req.keyKind === 'publishable') {
      const p = parseParams(req.params, { client_secret: 'string', expand: EXPAND });
      if (!p.client_secret) throw missingParam('client_secret');
      const pi = requirePaymentIntent(ctx, req.path.id);
      // Publishable-key reads need the intent's own client secret.
      if (pi.client_secret !== p.client_secret) throw clientSecretMismatch('PaymentIntent');
      return clientView(pi);
    }
    const p = parseParams(req.params, { client_secret: 'string', expand: EXPAND });
    const expand = checkExpand(p.expand, EXPANDABLE);
    return out(ctx, requirePaymentIntent(ctx, req.path.id), expand);
  });

  defineRoute(app, deps, 'GET', '/v1/payment_intents', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { customer: 'string', limit: 'int', starting_after: 'string', expand: EXPAND });
    const limit = Math.min(Math.max(p.limit ?? 10, 1), 100);
    let items = [...ctx.state.paymentIntents.values()].reverse();
    if (p.customer) items = items.filter((pi) => pi.customer === p.customer);
    if (p.starting_after) items = items.slice(items.findIndex((pi) => pi.id === p.starting_after) + 1);
    return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url: '/v1/payment_intents' };
  });

  defineRoute(app, deps, 'POST', '/v1/payment_intents/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, COMMON);
    const expand = checkExpand(p.expand, EXPANDABLE);
    const pi = requirePaymentIntent(ctx, req.path.id);
    const locked = ['amount', 'currency', 'payment_method', 'capture_method', 'setup_future_usage', 'customer', 'excluded_payment_method_types'].filter((k) => p[k] !== undefined);
    if (locked.length && !['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) {
      throw unexpectedState(pi, `This PaymentIntent's ${locked[0]} could not be updated because it has a status of ${pi.status}.`);
    }
    if (p.currency !== undefined) checkCurrency(p.currency);
    if (p.amount !== undefined) checkAmount(p.amount, p.currency ?? pi.currency);
    if (p.customer) requireCustomer(ctx, p.customer, 'customer');
    if (p.amount !== undefined) pi.amount = p.amount;
    if (p.currency !== undefined) pi.currency = p.currency.toLowerCase();
    if (p.customer !== undefined) pi.customer = p.customer || null;
    if (p.description !== undefined) pi.description = p.description || null;
    if (p.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata, p.metadata);
    if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email || null;
    if (p.setup_future_usage !== undefined) pi.setup_future_usage = p.setup_future_usage || null;
    if (p.shipping !== undefined) pi.shipping = Object.keys(p.shipping).length ? shippingFrom(p.shipping) : null;
    if (p.capture_method !== undefined) pi.capture_method = p.capture_method;
    if (p.statement_descriptor !== undefined) pi.statement_descriptor = p.statement_descriptor || null;
    if (p.excluded_payment_method_types !== undefined) pi.excluded_payment_method_types = excludedTypes(p.excluded_payment_method_types);
    if (p.payment_method !== undefined) {
      pi.payment_method = p.payment_method ? resolvePaymentMethod(ctx, p.payment_method).id : null;
      pi.status = p.payment_method ? 'requires_confirmation' : 'requires_payment_method';
      pi.next_action = null;
    }
    return out(ctx, pi, expand);
  });

  defineRoute(app, deps, 'POST', '/v1/payment_intents/:id/confirm', 'browser', (req, ctx) => {
    if (req.keyKind === 'publishable') {
      // Stripe.js confirmPayment: publishable key + client_secret (see routes/client-confirm.ts).
      const p = parseParams(req.params, CLIENT_CONFIRM_PAYMENT);
      const pi = requirePaymentIntent(ctx, req.path.id);
      if (!CONFIRMABLE.includes(pi.status)) confirmPaymentIntent(ctx, pi, {}); // throws unexpected_state
      if (p.confirmation_token) usableConfirmationToken(ctx, p.confirmation_token);
      checkConfirm(ctx, withRequest(pi, p), 'PaymentIntent', { confirmation_token: p.confirmation_token, secretKey: false });
      const source = clientConfirmSource(ctx, pi, 'PaymentIntent', p);
      if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email || null;
      if (p.setup_future_usage !== undefined) pi.setup_future_usage = p.setup_future_usage || null;
      if (p.shipping !== undefined) pi.shipping = shippingFrom(p.shipping);
      confirmPaymentIntent(ctx, pi, source);
      return clientView(pi);
    }
    const p = parseParams(req.params, CONFIRM);
    const expand = checkExpand(p.expand, EXPANDABLE);
    const pi = requirePaymentIntent(ctx, req.path.id);
    // Check the token and the request before touching the intent, so a rejected confirm changes nothing.
    if (CONFIRMABLE.includes(pi.status)) {
      if (p.confirmation_token) usableConfirmationToken(ctx, p.confirmation_token);
      const request = { confirmation_token: p.confirmation_token, return_url: p.return_url, off_session: offSession(p.off_session), secretKey: true };
      checkConfirm(ctx, withRequest(pi, p), 'PaymentIntent', request);
    }
    if (p.receipt_email !== undefined && CONFIRMABLE.includes(pi.status)) {
      pi.receipt_email = p.receipt_email || null;
    }
    if (p.setup_future_usage !== undefined && pi.status !== 'succeeded') pi.setup_future_usage = p.setup_future_usage || null;
    if (p.capture_method !== undefined && pi.status !== 'succeeded') pi.capture_method = p.capture_method;
    if (p.shipping !== undefined && pi.status !== 'succeeded') pi.shipping = shippingFrom(p.shipping);
    if (p.excluded_payment_method_types !== undefined && CONFIRMABLE.includes(pi.status)) {
      pi.excluded_payment_method_types = excludedTypes(p.excluded_payment_method_types);
    }
    confirmPaymentIntent(ctx, pi, {
      confirmation_token: p.confirmation_token,
      payment_method: p.payment_method,
      off_session: offSession(p.off_session),
    });
    return out(ctx, pi, expand);
  });

  defineRoute(app, deps, 'POST', '/v1/payment_intents/:id/capture', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { amount_to_capture: 'int', metadata: 'map', expand: EXPAND });
    const expand = checkExpand(p.expand, EXPANDABLE);
    const pi = requirePaymentIntent(ctx, req.path.id);
    if (p.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata, p.metadata);
    capturePaymentIntent(ctx, pi, p.amount_to_capture);
    return out(ctx, pi, expand);
  });

  defineRoute(app, deps, 'POST', '/v1/payment_intents/:id/cancel', 'secret', (req, ctx) => {
    const p = parseParams(req.params, {
      cancellation_reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] },
      expand: EXPAND,
    });
    const expand = checkExpand(p.expand, EXPANDABLE);
    const pi = requirePaymentIntent(ctx, req.path.id);
    cancelPaymentIntent(ctx, pi, p.cancellation_reason);
    return out(ctx, pi, expand);
  });
}
