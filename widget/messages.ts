import type { StripeError } from '@stripe/stripe-js';
import type { ErrorDetail } from '../protocol/index.ts';

export const NOT_COMPLETED = 'The payment was not completed. Please try again or use another payment method.';
const AUTHENTICATION_FAILED = 'Your bank could not confirm this payment. Try again, or use another payment method.';

/** Codes whose Stripe message is written for developers, with what a shopper reads instead. */
const PLAIN: Record<string, string> = {
  payment_intent_authentication_failure: AUTHENTICATION_FAILED,
  setup_intent_authentication_failure: AUTHENTICATION_FAILED,
  payment_intent_payment_attempt_failed: NOT_COMPLETED,
  setup_intent_setup_attempt_failed: NOT_COMPLETED,
  payment_not_completed: NOT_COMPLETED,
};

/**
 * What the shopper reads. Card declines and field validation carry Stripe's customer-facing text;
 * other Stripe messages speak to developers, so they go to the console and the shopper reads plain
 * language. Our server's own messages are already written for shoppers.
 */
export function forShopper(detail: ErrorDetail, fromStripe: boolean): ErrorDetail {
  const plain = PLAIN[detail.code];
  const trusted = !fromStripe || detail.type === 'validation_error' || (detail.type === 'card_error' && !plain);
  if (trusted) return detail;
  console.warn(`<link-checkout>: ${detail.code}: ${detail.message}`);
  return { ...detail, message: plain ?? (detail.type === 'network_error' ? 'The payment service could not be reached. Check your connection and try again.' : NOT_COMPLETED) };
}

/** A Stripe.js error in our ErrorDetail shape; a failed connection to Stripe is a network error. */
export function stripeErrorDetail(error: StripeError): ErrorDetail {
  return {
    type: error.type === 'api_connection_error' ? 'network_error' : error.type,
    code: error.code ?? error.type,
    message: error.message ?? NOT_COMPLETED,
  };
}
