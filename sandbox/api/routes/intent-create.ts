/** Checks POST /v1/payment_intents and POST /v1/setup_intents share, made before the intent is created. */
import type Stripe from 'stripe';
import { invalidParam } from '../errors.ts';
import type { Parsed } from '../params.ts';
import type { Ctx } from '../state.ts';
import { usableConfirmationToken } from '../resources/confirmation-tokens.ts';
import { requireCustomer } from '../resources/customers.ts';
import { resolvePaymentMethod } from '../resources/payment-methods.ts';

/** A confirmation_token on create only makes sense with confirm=true. */
export function checkTokenNeedsConfirm(p: Parsed): void {
  if (p.confirmation_token && !p.confirm) {
    throw invalidParam('confirmation_token', 'confirmation_token can only be passed together with confirm=true.');
  }
}

/**
 * The objects a create names (customer, confirmation_token, payment_method) must exist and be
 * usable. Checked before anything is created, so a bad id leaves no intent behind. Returns the
 * named PaymentMethod, if any.
 */
export function checkCreateReferences(ctx: Ctx, p: Parsed): Stripe.PaymentMethod | undefined {
  if (p.customer) requireCustomer(ctx, p.customer, 'customer');
  if (p.confirmation_token) usableConfirmationToken(ctx, p.confirmation_token);
  return p.payment_method ? resolvePaymentMethod(ctx, p.payment_method) : undefined;
}
