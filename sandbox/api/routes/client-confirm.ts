/**
 * Publishable-key confirms, as Stripe.js's confirmPayment/confirmSetup send them: the intent's
 * `client_secret` plus a `confirmation_token`, `payment_method_data` or saved `payment_method`,
 * and usually `return_url`. https://docs.stripe.com/js/payment_intents/confirm_payment
 * The answer is the client-visible view of the intent, as for pk retrieves.
 */
import type Stripe from 'stripe';
import { clientSecretMismatch, invalidRequest, missingParam } from '../errors.ts';
import { EXPAND, SHIPPING, type Spec, type Parsed } from '../params.ts';
import { billingDetailsFrom, createCardPaymentMethod } from '../resources/payment-methods.ts';
import type { Ctx } from '../state.ts';
import { PAYMENT_METHOD_DATA, cardFromPaymentMethodData } from './confirmation-tokens.ts';

export const CLIENT_CONFIRM: Record<string, Spec> = {
  client_secret: 'string',
  confirmation_token: 'string',
  payment_method_data: PAYMENT_METHOD_DATA,
  payment_method: 'string',
  return_url: 'string',
  use_stripe_sdk: 'bool',
  expand: EXPAND,
};

export const CLIENT_CONFIRM_PAYMENT: Record<string, Spec> = {
  ...CLIENT_CONFIRM,
  receipt_email: 'string',
  setup_future_usage: { enum: ['off_session', 'on_session', ''] },
  shipping: SHIPPING,
};

/**
 * Checks the client secret and resolves what pays: a token id, or a PaymentMethod id (created
 * from `payment_method_data`, or a saved one). Exactly one source is required.
 */
export function clientConfirmSource(
  ctx: Ctx,
  intent: { client_secret: string | null },
  kind: 'PaymentIntent' | 'SetupIntent',
  p: Parsed,
): { confirmation_token?: string; payment_method?: string } {
  if (!p.client_secret) throw missingParam('client_secret');
  if (p.client_secret !== intent.client_secret) throw clientSecretMismatch(kind);
  const given = ['confirmation_token', 'payment_method_data', 'payment_method'].filter((k) => p[k] !== undefined);
  if (given.length > 1) {
    throw invalidRequest(`You may only specify one of these parameters: ${given.join(', ')}.`, { code: 'parameters_exclusive', param: given[1] });
  }
  if (p.confirmation_token) return { confirmation_token: p.confirmation_token };
  if (p.payment_method) return { payment_method: p.payment_method };
  if (p.payment_method_data) {
    const card = cardFromPaymentMethodData(ctx, p.payment_method_data);
    const allow = (p.payment_method_data.allow_redisplay ?? 'unspecified') as Stripe.PaymentMethod.AllowRedisplay;
    return { payment_method: createCardPaymentMethod(ctx, card, billingDetailsFrom(p.payment_method_data.billing_details), allow).id };
  }
  return {};
}
