/**
 * PaymentIntents (`pi_…`) and their status machine (https://docs.stripe.com/payments/paymentintents/lifecycle):
 * requires_payment_method -> requires_confirmation -> (confirm) -> succeeded | requires_capture |
 * requires_action (3DS) | back to requires_payment_method with last_payment_error (decline).
 */
import type Stripe from 'stripe';
import { outcomeOf } from '../cards.ts';
import { cardError, invalidRequest, resourceMissing } from '../errors.ts';
import { clientSecretFor, newId } from '../ids.ts';
import type { Ctx } from '../state.ts';
import { captureCharge, createCharge } from './charges.ts';
import { addressFrom } from './customers.ts';
import { checkPaymentMethodType } from './confirm-checks.ts';
import { consumeConfirmationToken, usableConfirmationToken } from './confirmation-tokens.ts';
import { activateLinkAccount } from './link-accounts.ts';
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods.ts';

export function newPaymentIntent(ctx: Ctx, p: Record<string, any>): Stripe.PaymentIntent {
  const id = newId('pi');
  const pi: Stripe.PaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    // Without explicit payment_method_types, current API versions enable automatic payment methods.
    automatic_payment_methods: p.payment_method_types ? null : { enabled: p.automatic_payment_methods?.enabled ?? true, allow_redirects: p.automatic_payment_methods?.allow_redirects },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: p.capture_method ?? 'automatic_async',
    client_secret: clientSecretFor(id),
    confirmation_method: 'automatic',
    created: ctx.now(),
    currency: p.currency.toLowerCase(),
    customer: p.customer || null,
    customer_account: null,
    description: p.description || null,
    excluded_payment_method_types: p.excluded_payment_method_types ? [...p.excluded_payment_method_types] : null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: { ...(p.metadata || {}) },
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    // Automatic payment methods: the types the sandbox models (cards, and Link).
    payment_method_types: p.payment_method_types ?? ['card', 'link'],
    payment_record: null,
    processing: null,
    receipt_email: p.receipt_email || null,
    review: null,
    setup_future_usage: p.setup_future_usage || null,
    shipping: p.shipping ? shippingFrom(p.shipping) : null,
    source: null,
    statement_descriptor: p.statement_descriptor || null,
    statement_descriptor_suffix: p.statement_descriptor_suffix || null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  if (!pi.automatic_payment_methods) delete (pi as Partial<Stripe.PaymentIntent>).automatic_payment_methods;
  return pi;
}

export function shippingFrom(s: Record<string, any>): Stripe.PaymentIntent.Shipping {
  return { address: addressFrom(s.address), carrier: s.carrier || null, name: s.name, phone: s.phone || null, tracking_number: null };
}

export function requirePaymentIntent(ctx: Ctx, id: string, param = 'id'): Stripe.PaymentIntent {
  const pi = ctx.state.paymentIntents.get(id);
  if (!pi) throw resourceMissing('payment_intent', id, param);
  return pi;
}

/** 400 payment_intent_unexpected_state, with the intent attached as Stripe does. */
export function unexpectedState(pi: Stripe.PaymentIntent, message: string) {
  const err = invalidRequest(message, { code: 'payment_intent_unexpected_state' });
  err.body.payment_intent = structuredClone(pi);
  return err;
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export interface ConfirmOptions {
  confirmation_token?: string;
  payment_method?: string;
  off_session?: boolean | string;
}

/** Confirms the intent; a decline is applied to the intent and then thrown as a 402 card_error. */
export function confirmPaymentIntent(ctx: Ctx, pi: Stripe.PaymentIntent, o: ConfirmOptions): void {
  if (!CONFIRMABLE.includes(pi.status)) {
    throw unexpectedState(
      pi,
      pi.status === 'succeeded'
        ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
        : `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  if (o.confirmation_token && o.payment_method) {
    throw invalidRequest('You may only specify one of these parameters: confirmation_token, payment_method.', { code: 'parameters_exclusive', param: 'confirmation_token' });
  }
  let pm: Stripe.PaymentMethod;
  if (o.confirmation_token) {
    // Checked before the token is used up, so a refused confirm leaves it usable.
    checkPaymentMethodType(pi, usableConfirmationToken(ctx, o.confirmation_token).payment_method_preview?.type ?? 'card', 'PaymentIntent');
    const { token, paymentMethod } = consumeConfirmationToken(ctx, o.confirmation_token, { payment_intent: pi.id });
    pm = paymentMethod;
    if (token.shipping && !pi.shipping) pi.shipping = { ...token.shipping, carrier: null, tracking_number: null };
  } else if (o.payment_method) {
    pm = resolvePaymentMethod(ctx, o.payment_method);
  } else if (typeof pi.payment_method === 'string') {
    pm = resolvePaymentMethod(ctx, pi.payment_method);
  } else {
    throw unexpectedState(pi, "You cannot confirm this PaymentIntent because it's missing a payment method. Pass confirmation_token or payment_method.");
  }
  checkPaymentMethodType(pi, pm.type, 'PaymentIntent');
  if (pm.customer && pi.customer && pm.customer !== pi.customer) {
    throw invalidRequest('The provided PaymentMethod belongs to a different Customer than this PaymentIntent.', { param: 'payment_method' });
  }

  pi.payment_method = pm.id;
  pi.next_action = null;
  const outcome = outcomeOf(ctx.state.cards.get(pm.id)?.number ?? '');
  if (outcome.kind === 'succeed') return authorize(ctx, pi, pm);
  if (outcome.kind === 'authenticate') {
    if (o.off_session) {
      // Off-session payments cannot show a challenge: Stripe declines with authentication_required.
      return decline(ctx, pi, pm, { code: 'authentication_required', decline_code: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' });
    }
    pi.status = 'requires_action';
    pi.last_payment_error = null;
    pi.next_action = {
      type: 'use_stripe_sdk',
      // Opaque to integrations (only Stripe.js reads it); the sandbox stand-in drives /_sandbox/3ds.
      use_stripe_sdk: {
        type: 'stripe_3ds2_fingerprint',
        three_d_secure_2_source: newId('payatt'),
        directory_server_name: pm.card?.brand ?? 'visa',
        server_transaction_id: crypto.randomUUID(),
      },
    };
    ctx.emit('payment_intent.requires_action', pi);
    return;
  }
  return decline(ctx, pi, pm, outcome);
}

/** The card was authorized: capture now (automatic) or hold for manual capture. */
function authorize(ctx: Ctx, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod): void {
  const manual = pi.capture_method === 'manual';
  const charge = createCharge(ctx, pi, pm, { captured: !manual });
  pi.latest_charge = charge.id;
  activateLinkAccount(ctx, pm);
  pi.last_payment_error = null;
  pi.next_action = null;
  if (pi.setup_future_usage && typeof pi.customer === 'string') attachPaymentMethod(ctx, pm, pi.customer);
  if (manual) {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    ctx.emit('payment_intent.amount_capturable_updated', pi);
  } else {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    ctx.emit('payment_intent.succeeded', pi);
  }
}

function decline(
  ctx: Ctx,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  d: { code: string; decline_code: string; message: string },
): never {
  const charge = createCharge(ctx, pi, pm, { failure_code: d.code, failure_message: d.message, decline_code: d.decline_code });
  pi.latest_charge = charge.id;
  pi.status = 'requires_payment_method';
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = {
    charge: charge.id,
    code: d.code as Stripe.PaymentIntent.LastPaymentError.Code,
    decline_code: d.decline_code,
    doc_url: `https://docs.stripe.com/error-codes/${d.code.replace(/_/g, '-')}`,
    message: d.message,
    payment_method: structuredClone(pm),
    type: 'card_error',
  };
  ctx.emit('payment_intent.payment_failed', pi);
  throw cardError({
    code: d.code,
    decline_code: d.decline_code,
    message: d.message,
    charge: charge.id,
    payment_intent: structuredClone(pi),
    payment_method: structuredClone(pm),
  });
}

/** The sandbox's stand-in for the issuer's 3DS page: the customer completed or failed the challenge. */
export function finishAuthentication(ctx: Ctx, pi: Stripe.PaymentIntent, outcome: 'complete' | 'fail'): void {
  if (pi.status !== 'requires_action' || typeof pi.payment_method !== 'string') {
    throw unexpectedState(pi, `This PaymentIntent has a status of ${pi.status}; authentication only applies to a PaymentIntent that requires_action.`);
  }
  const pm = resolvePaymentMethod(ctx, pi.payment_method);
  if (outcome === 'complete') return authorize(ctx, pi, pm);
  pi.status = 'requires_payment_method';
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = {
    code: 'payment_intent_authentication_failure',
    doc_url: 'https://docs.stripe.com/error-codes/payment-intent-authentication-failure',
    message: 'The provided PaymentMethod has failed authentication. Provide a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    payment_method: structuredClone(pm),
    type: 'card_error',
  };
  ctx.emit('payment_intent.payment_failed', pi);
}

export function capturePaymentIntent(ctx: Ctx, pi: Stripe.PaymentIntent, amountToCapture?: number): void {
  if (pi.status !== 'requires_capture') {
    throw unexpectedState(
      pi,
      `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  }
  const amount = amountToCapture ?? pi.amount_capturable;
  if (amount > pi.amount_capturable) {
    throw invalidRequest(`The amount to capture (${amount}) is greater than the amount capturable (${pi.amount_capturable}).`, {
      code: 'amount_too_large',
      param: 'amount_to_capture',
    });
  }
  const charge = typeof pi.latest_charge === 'string' ? ctx.state.charges.get(pi.latest_charge) : undefined;
  if (charge) captureCharge(ctx, charge, amount);
  pi.status = 'succeeded';
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  ctx.emit('payment_intent.succeeded', pi);
}

const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];

export function cancelPaymentIntent(ctx: Ctx, pi: Stripe.PaymentIntent, reason?: Stripe.PaymentIntent.CancellationReason): void {
  if (!CANCELABLE.includes(pi.status)) {
    throw unexpectedState(
      pi,
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  pi.status = 'canceled';
  pi.canceled_at = ctx.now();
  pi.cancellation_reason = reason ?? null;
  pi.amount_capturable = 0;
  pi.next_action = null;
  ctx.emit('payment_intent.canceled', pi);
}

/** Fields a publishable key may read with the client secret (marked so in the API reference). */
const CLIENT_FIELDS = [
  'id', 'object', 'amount', 'automatic_payment_methods', 'canceled_at', 'cancellation_reason', 'capture_method',
  'client_secret', 'confirmation_method', 'created', 'currency', 'description', 'last_payment_error', 'livemode',
  'next_action', 'payment_method', 'payment_method_configuration_details', 'payment_method_types', 'processing',
  'receipt_email', 'setup_future_usage', 'shipping', 'status',
] as const;

export function clientView(pi: Stripe.PaymentIntent): Partial<Stripe.PaymentIntent> {
  const out: Record<string, unknown> = {};
  for (const k of CLIENT_FIELDS) if (k in pi) out[k] = pi[k];
  return out as Partial<Stripe.PaymentIntent>;
}
