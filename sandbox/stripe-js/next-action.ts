// The 3DS step shared by handleNextAction, confirmPayment and confirmSetup: when a PaymentIntent
// or SetupIntent is requires_action, show the mock issuer page and report its outcome to the
// emulator (POST /_sandbox/3ds/:intent takes both kinds).
// https://docs.stripe.com/js/payment_intents/handle_next_action
import type { PaymentIntent, PaymentIntentOrSetupIntentResult, SetupIntent, StripeError } from '@stripe/stripe-js';
import { intentIdFromClientSecret, type ApiClient } from './api-client.ts';
import { IntegrationError } from './errors.ts';
import { showThreeDsModal } from './three-ds-modal.ts';

type Intent = PaymentIntent | SetupIntent;

const isSetupIntent = (intent: Intent): intent is SetupIntent => intent.id.startsWith('seti_');

/** The API path of the intent a client secret belongs to (`pi_…` or `seti_…`). */
export function intentPath(clientSecret: string): string {
  const id = intentIdFromClientSecret(clientSecret);
  if (id.startsWith('pi_')) return `/v1/payment_intents/${id}`;
  if (id.startsWith('seti_')) return `/v1/setup_intents/${id}`;
  throw new IntegrationError('Invalid clientSecret: expected a PaymentIntent (pi_…) or SetupIntent (seti_…) client secret.');
}

/** `{paymentIntent}` or `{setupIntent}`, as Stripe.js resolves for each kind. */
export function intentResult(intent: Intent): PaymentIntentOrSetupIntentResult {
  return isSetupIntent(intent) ? { setupIntent: intent } : { paymentIntent: intent };
}

export async function authenticateIfNeeded(api: ApiClient, intent: Intent, clientSecret: string): Promise<PaymentIntentOrSetupIntentResult> {
  if (intent.status !== 'requires_action') return intentResult(intent);
  const outcome = await showThreeDsModal();
  const after = await api.post<Intent>(`/_sandbox/3ds/${intent.id}`, { client_secret: clientSecret, outcome });
  if (!after.ok) return { error: after.error };
  if (outcome === 'complete' && after.body.status !== 'requires_payment_method') return intentResult(after.body);
  return { error: authenticationFailure(after.body) };
}

/**
 * Stripe.js turns a failed 3DS challenge into an error result built from the intent's
 * last_payment_error / last_setup_error (payment_intent_authentication_failure /
 * setup_intent_authentication_failure), with the intent attached.
 * https://docs.stripe.com/error-codes#payment-intent-authentication-failure
 */
function authenticationFailure(intent: Intent): StripeError {
  const setup = isSetupIntent(intent);
  const last = setup ? intent.last_setup_error : intent.last_payment_error;
  const error: StripeError = {
    type: 'invalid_request_error',
    code: last?.code ?? (setup ? 'setup_intent_authentication_failure' : 'payment_intent_authentication_failure'),
    message: last?.message ?? 'The card could not be authenticated. Choose another payment method and try again.',
  };
  if (setup) error.setup_intent = intent;
  else error.payment_intent = intent;
  return error;
}
