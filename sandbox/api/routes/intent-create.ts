/** Parameters and checks POST /v1/payment_intents and POST /v1/setup_intents share, made before the intent is created. */
import type Stripe from 'stripe';
import { invalidParam } from '../errors.ts';
import type { Parsed, Spec } from '../params.ts';
import type { Ctx } from '../state.ts';
import { usableConfirmationToken } from '../resources/confirmation-tokens.ts';
import { requireCustomer } from '../resources/customers.ts';
import { resolvePaymentMethod } from '../resources/payment-methods.ts';

/**
 * `excluded_payment_method_types` (PaymentIntents create/update/confirm, SetupIntents create): the
 * values stripe@23 lists for PaymentIntent/SetupIntent ExcludedPaymentMethodType.
 */
const EXCLUDABLE_TYPES = (
  'acss_debit affirm afterpay_clearpay alipay alma amazon_pay au_becs_debit bacs_debit bancontact billie bizum blik boleto card ' +
  'cashapp crypto customer_balance eps fpx giropay grabpay ideal kakao_pay klarna konbini kr_card mb_way mobilepay multibanco ' +
  'naver_pay nz_bank_account oxxo p24 pay_by_bank payco paynow paypal paypay payto pix promptpay revolut_pay samsung_pay satispay ' +
  'scalapay sepa_debit sequra sofort sunbit swish twint upi us_bank_account wechat_pay zip'
).split(' ');
export const EXCLUDED_TYPES: Spec = { array: { enum: EXCLUDABLE_TYPES } };
export const EXCLUDED_TYPES_EMPTYABLE: Spec = { array: { enum: EXCLUDABLE_TYPES }, emptyable: true };

/** The stored value: the list as given, null when unset or emptied. */
export const excludedTypes = (v: string[] | '' | undefined): string[] | null => (v ? [...v] : null);

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
