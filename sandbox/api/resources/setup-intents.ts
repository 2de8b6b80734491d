/**
 * SetupIntents (`seti_…`, https://docs.stripe.com/api/setup_intents): save a card for later without
 * charging. Same card outcomes as payments, minus the charge: success attaches the PaymentMethod
 * to the intent's customer.
 */
import type Stripe from 'stripe';
import { outcomeOf } from '../cards.ts';
import { cardError, invalidRequest, resourceMissing } from '../errors.ts';
import { clientSecretFor, newId } from '../ids.ts';
import type { Ctx } from '../state.ts';
import { checkPaymentMethodType } from './confirm-checks.ts';
import { consumeConfirmationToken, usableConfirmationToken } from './confirmation-tokens.ts';
import { activateLinkAccount } from './link-accounts.ts';
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods.ts';

export function newSetupIntent(ctx: Ctx, p: Record<string, any>): Stripe.SetupIntent {
  const id = newId('seti');
  return {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: null,
    application: null,
    // As for PaymentIntents: without payment_method_types, automatic payment methods are on.
    automatic_payment_methods: p.payment_method_types ? null : { enabled: p.automatic_payment_methods?.enabled ?? true, allow_redirects: p.automatic_payment_methods?.allow_redirects },
    cancellation_reason: null,
    client_secret: clientSecretFor(id),
    created: ctx.now(),
    customer: p.customer || null,
    description: p.description || null,
    excluded_payment_method_types: p.excluded_payment_method_types ? [...p.excluded_payment_method_types] : null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: { ...(p.metadata || {}) },
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    // Automatic payment methods: the types the sandbox models (cards, and Link).
    payment_method_types: p.payment_method_types ?? ['card', 'link'],
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: p.usage ?? 'off_session',
  };
}

export function requireSetupIntent(ctx: Ctx, id: string, param = 'id'): Stripe.SetupIntent {
  const si = ctx.state.setupIntents.get(id);
  if (!si) throw resourceMissing('setup_intent', id, param);
  return si;
}

function unexpectedState(si: Stripe.SetupIntent, message: string) {
  const err = invalidRequest(message, { code: 'setup_intent_unexpected_state' });
  err.body.setup_intent = structuredClone(si);
  return err;
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export function confirmSetupIntent(ctx: Ctx, si: Stripe.SetupIntent, o: { confirmation_token?: string; payment_method?: string }): void {
  if (!CONFIRMABLE.includes(si.status)) {
    throw unexpectedState(
      si,
      `You cannot confirm this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  let pm: Stripe.PaymentMethod;
  if (o.confirmation_token) {
    checkPaymentMethodType(si, usableConfirmationToken(ctx, o.confirmation_token).payment_method_preview?.type ?? 'card', 'SetupIntent');
    pm = consumeConfirmationToken(ctx, o.confirmation_token, { setup_intent: si.id }).paymentMethod;
  } else if (o.payment_method) pm = resolvePaymentMethod(ctx, o.payment_method);
  else if (typeof si.payment_method === 'string') pm = resolvePaymentMethod(ctx, si.payment_method);
  else throw unexpectedState(si, "You cannot confirm this SetupIntent because it's missing a payment method.");

  checkPaymentMethodType(si, pm.type, 'SetupIntent');
  si.payment_method = pm.id;
  si.next_action = null;
  const outcome = outcomeOf(ctx.state.cards.get(pm.id)?.number ?? '');
  if (outcome.kind === 'succeed') return succeed(ctx, si, pm);
  if (outcome.kind === 'authenticate') {
    si.status = 'requires_action';
    si.next_action = {
      type: 'use_stripe_sdk',
      use_stripe_sdk: { type: 'stripe_3ds2_fingerprint', three_d_secure_2_source: newId('setatt'), directory_server_name: pm.card?.brand ?? 'visa' },
    };
    ctx.emit('setup_intent.requires_action', si);
    return;
  }
  si.status = 'requires_payment_method';
  si.payment_method = null;
  si.last_setup_error = {
    code: outcome.code as Stripe.SetupIntent.LastSetupError.Code,
    decline_code: outcome.decline_code,
    message: outcome.message,
    payment_method: structuredClone(pm),
    type: 'card_error',
  };
  ctx.emit('setup_intent.setup_failed', si);
  throw cardError({
    code: outcome.code,
    decline_code: outcome.decline_code,
    message: outcome.message,
    setup_intent: structuredClone(si),
    payment_method: structuredClone(pm),
  });
}

function succeed(ctx: Ctx, si: Stripe.SetupIntent, pm: Stripe.PaymentMethod): void {
  if (typeof si.customer === 'string') attachPaymentMethod(ctx, pm, si.customer);
  activateLinkAccount(ctx, pm);
  si.status = 'succeeded';
  si.last_setup_error = null;
  si.next_action = null;
  si.latest_attempt = newId('setatt');
  ctx.emit('setup_intent.succeeded', si);
}

export function finishSetupAuthentication(ctx: Ctx, si: Stripe.SetupIntent, outcome: 'complete' | 'fail'): void {
  if (si.status !== 'requires_action' || typeof si.payment_method !== 'string') {
    throw unexpectedState(si, `This SetupIntent has a status of ${si.status}; authentication only applies to a SetupIntent that requires_action.`);
  }
  const pm = resolvePaymentMethod(ctx, si.payment_method);
  if (outcome === 'complete') return succeed(ctx, si, pm);
  si.status = 'requires_payment_method';
  si.payment_method = null;
  si.next_action = null;
  si.last_setup_error = {
    code: 'setup_intent_authentication_failure',
    message: 'The latest attempt to set up the payment method has failed because authentication failed.',
    payment_method: structuredClone(pm),
    type: 'card_error',
  };
  ctx.emit('setup_intent.setup_failed', si);
}

export function cancelSetupIntent(ctx: Ctx, si: Stripe.SetupIntent, reason?: Stripe.SetupIntent.CancellationReason): void {
  if (!CONFIRMABLE.includes(si.status)) {
    throw unexpectedState(si, `You cannot cancel this SetupIntent because it has a status of ${si.status}.`);
  }
  si.status = 'canceled';
  si.cancellation_reason = reason ?? null;
  ctx.emit('setup_intent.canceled', si);
}

export function clientSetupView(si: Stripe.SetupIntent): Partial<Stripe.SetupIntent> {
  const { customer: _c, metadata: _m, latest_attempt: _l, mandate: _md, on_behalf_of: _o, single_use_mandate: _s, ...rest } = si;
  return rest;
}
