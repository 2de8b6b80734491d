/**
 * Small fixtures the contract cases share: intents created and confirmed in one call with a fresh
 * ConfirmationToken (seed 002 § Create and submit the payment), through the official SDK only, so
 * they work on both targets.
 */
import type Stripe from 'stripe';
import { confirmationToken, type Target } from './target.ts';

/** The metadata every case stamps on what it creates, so real-Stripe objects can be told apart. */
export function runMetadata(target: Target): { contract_run: string } {
  return { contract_run: target.runId };
}

/**
 * A PaymentIntent created with confirm=true and a fresh ConfirmationToken for `paymentMethod`:
 * 1099 usd with the run's metadata; `extra` adds or overrides parameters (e.g. `{ amount: 1500 }`,
 * `{ capture_method: 'manual' }`). Asserts nothing: the case checks the status it expects.
 */
export async function confirmedPaymentIntent(
  target: Target,
  paymentMethod: string,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
): Promise<Stripe.PaymentIntent> {
  const token = await confirmationToken(target, paymentMethod);
  return target.stripe.paymentIntents.create({
    amount: 1099,
    currency: 'usd',
    confirm: true,
    confirmation_token: token.id,
    metadata: runMetadata(target),
    ...extra,
  });
}

/**
 * A SetupIntent for `params.customer` created with confirm=true and a fresh ConfirmationToken for
 * `paymentMethod`, with the run's metadata; `params` adds or overrides parameters (e.g.
 * `{ usage: 'off_session' }`). Asserts nothing: the case checks the status it expects.
 */
export async function confirmedSetupIntent(
  target: Target,
  paymentMethod: string,
  params: Stripe.SetupIntentCreateParams & { customer: string },
): Promise<Stripe.SetupIntent> {
  const token = await confirmationToken(target, paymentMethod);
  return target.stripe.setupIntents.create({
    confirm: true,
    confirmation_token: token.id,
    metadata: runMetadata(target),
    ...params,
  });
}
