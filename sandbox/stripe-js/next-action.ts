// The 3DS step shared by handleNextAction and confirmPayment: when a PaymentIntent is
// requires_action, show the mock issuer page and report its outcome to the emulator.
// https://docs.stripe.com/js/payment_intents/handle_next_action
import type { PaymentIntent, PaymentIntentResult, StripeError } from '@stripe/stripe-js';
import type { ApiClient } from './api-client.ts';
import { showThreeDsModal } from './three-ds-modal.ts';

export async function authenticateIfNeeded(api: ApiClient, pi: PaymentIntent, clientSecret: string): Promise<PaymentIntentResult> {
  if (pi.status !== 'requires_action') return { paymentIntent: pi };
  const outcome = await showThreeDsModal();
  const after = await api.post<PaymentIntent>(`/_sandbox/3ds/${pi.id}`, { client_secret: clientSecret, outcome });
  if (!after.ok) return { error: after.error };
  if (outcome === 'complete' && after.body.status !== 'requires_payment_method') return { paymentIntent: after.body };
  return { error: authenticationFailure(after.body) };
}

/**
 * Stripe.js turns a failed 3DS challenge into an error result built from the intent's
 * last_payment_error (code payment_intent_authentication_failure), with the intent attached.
 * https://docs.stripe.com/error-codes#payment-intent-authentication-failure
 */
function authenticationFailure(pi: PaymentIntent): StripeError {
  const last = pi.last_payment_error;
  return {
    type: 'invalid_request_error',
    code: last?.code ?? 'payment_intent_authentication_failure',
    message: last?.message ?? 'The payment could not be authenticated. Choose another payment method and try again.',
    payment_intent: pi,
  };
}
