/**
 * ConfirmationTokens (`ctoken_…`, https://docs.stripe.com/api/confirmation_tokens): a snapshot of
 * the payment details collected by the browser, consumed by one server-side confirm. They expire
 * 12 hours after creation. The raw card stays private; the object only carries a preview.
 */
import type Stripe from 'stripe';
import { type CardSecret, publicCard } from '../cards.ts';
import { invalidRequest, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ClientContext, Ctx } from '../state.ts';
import { addressFrom } from './customers.ts';
import { createCardPaymentMethod } from './payment-methods.ts';

const TTL_SECONDS = 12 * 60 * 60;

export type { ClientContext };

/**
 * The Elements context the token was made with (Stripe.js's `client_context`, kept beside the
 * token in State, never on the public object; confirm-checks.ts compares it with the intent).
 * Undefined for tokens made without one (the test helper's).
 */
export function clientContextOf(ctx: Ctx, token: Stripe.ConfirmationToken): ClientContext | undefined {
  return ctx.state.tokenContexts.get(token.id);
}

export function createConfirmationToken(
  ctx: Ctx,
  source: { card: CardSecret; billing: Stripe.PaymentMethod.BillingDetails } | { paymentMethod: Stripe.PaymentMethod },
  p: Record<string, any>,
): Stripe.ConfirmationToken {
  const created = ctx.now();
  const preview: Stripe.ConfirmationToken.PaymentMethodPreview =
    'card' in source
      ? { type: 'card', card: publicCard(source.card), billing_details: source.billing, customer: null, customer_account: null, allow_redisplay: p.payment_method_data?.allow_redisplay ?? 'unspecified' }
      : previewOf(source.paymentMethod);
  const token: Stripe.ConfirmationToken = {
    id: newId('ctoken'),
    object: 'confirmation_token',
    created,
    expires_at: created + TTL_SECONDS,
    livemode: false,
    metadata: null,
    payment_intent: null,
    payment_method_options: null,
    payment_method_preview: preview,
    return_url: p.return_url || null,
    setup_future_usage: p.setup_future_usage || null,
    setup_intent: null,
    shipping: p.shipping
      ? { address: addressFrom(p.shipping.address), name: p.shipping.name, phone: p.shipping.phone || null }
      : null,
    use_stripe_sdk: true,
  };
  ctx.state.confirmationTokens.set(token.id, token);
  ctx.state.tokenSources.set(token.id, 'card' in source ? { card: { ...source.card } } : { paymentMethod: source.paymentMethod.id });
  if (p.client_context) ctx.state.tokenContexts.set(token.id, { ...p.client_context });
  return token;
}

/** A saved PaymentMethod's preview: its type and that type's hash (`card` or `link`). */
function previewOf(pm: Stripe.PaymentMethod): Stripe.ConfirmationToken.PaymentMethodPreview {
  return {
    type: pm.type,
    ...(pm.card ? { card: pm.card } : {}),
    ...(pm.link ? { link: pm.link } : {}),
    billing_details: pm.billing_details,
    customer: pm.customer,
    customer_account: null,
    allow_redisplay: pm.allow_redisplay,
  };
}

export function requireConfirmationToken(ctx: Ctx, id: string, param = 'id'): Stripe.ConfirmationToken {
  const token = ctx.state.confirmationTokens.get(id);
  if (!token) throw resourceMissing('confirmation_token', id, param);
  return token;
}

/**
 * A token that can still confirm an intent. Stripe rejects expired and already-used tokens; the
 * exact error code/message it uses for those is not verified here (400 with the param only).
 */
export function usableConfirmationToken(ctx: Ctx, id: string): Stripe.ConfirmationToken {
  const token = requireConfirmationToken(ctx, id, 'confirmation_token');
  if (token.payment_intent || token.setup_intent) {
    throw invalidRequest(`ConfirmationToken ${id} has already been used to confirm an intent and cannot be used again.`, {
      param: 'confirmation_token',
    });
  }
  if (token.expires_at !== null && token.expires_at <= ctx.now()) {
    throw invalidRequest(`ConfirmationToken ${id} has expired; collect the payment details again.`, { param: 'confirmation_token' });
  }
  return token;
}

/** Turns a token into the PaymentMethod used by a confirm, marking it consumed. */
export function consumeConfirmationToken(
  ctx: Ctx,
  id: string,
  into: { payment_intent: string } | { setup_intent: string },
): { token: Stripe.ConfirmationToken; paymentMethod: Stripe.PaymentMethod } {
  const token = usableConfirmationToken(ctx, id);
  const source = ctx.state.tokenSources.get(token.id)!;
  let paymentMethod: Stripe.PaymentMethod;
  if ('card' in source) {
    const preview = token.payment_method_preview!;
    paymentMethod = createCardPaymentMethod(ctx, source.card, preview.billing_details, preview.allow_redisplay ?? 'unspecified');
  } else {
    const pm = ctx.state.paymentMethods.get(source.paymentMethod);
    if (!pm) throw resourceMissing('PaymentMethod', source.paymentMethod, 'confirmation_token');
    paymentMethod = pm;
  }
  if ('payment_intent' in into) token.payment_intent = into.payment_intent;
  else token.setup_intent = into.setup_intent;
  return { token, paymentMethod };
}
