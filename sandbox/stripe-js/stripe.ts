// The object returned by Stripe(publishableKey): what our widget uses of Stripe.js, backed
// by the emulator. Methods it does not model throw instead of pretending.
import type {
  ConfirmationTokenResult,
  CreateConfirmationToken,
  PaymentIntent,
  PaymentIntentOrSetupIntentResult,
  PaymentIntentResult,
  Stripe,
  StripeConstructorOptions,
  StripeElementsOptionsMode,
  StripeError,
} from '@stripe/stripe-js';
import { ApiClient, intentIdFromClientSecret } from './api-client.ts';
import { confirmationTokenBody } from './confirmation-token.ts';
import { SandboxElements } from './elements-group.ts';
import { IntegrationError, notModeled } from './errors.ts';
import { showThreeDsModal } from './three-ds-modal.ts';

/** The Stripe methods the stand-in implements, with their official signatures. */
export type ModeledStripe = Pick<Stripe, 'elements' | 'createConfirmationToken' | 'handleNextAction' | 'retrievePaymentIntent'>;

/** Stripe.js methods a page might reach for that the sandbox does not model (yet). */
export const NOT_MODELED = [
  'confirmPayment',
  'confirmSetup',
  'initEmbeddedCheckout',
  'initCheckout',
  'initCheckoutElementsSdk',
  'confirmCardPayment',
  'confirmCardSetup',
  'handleCardAction',
  'handleCardSetup',
  'createPaymentMethod',
  'createToken',
  'createSource',
  'retrieveSetupIntent',
  'paymentRequest',
  'redirectToCheckout',
  'collectBankAccountForPayment',
  'collectBankAccountForSetup',
  'verifyIdentity',
  'createRadarSession',
] as const;

export function createStripe(apiBase: string, publishableKey: string, options?: StripeConstructorOptions): Stripe {
  if (typeof publishableKey !== 'string' || publishableKey === '') {
    throw new IntegrationError('Please call Stripe() with your publishable key (got an empty or non-string value).');
  }
  if (/^[sr]k_/.test(publishableKey)) {
    throw new IntegrationError('Stripe() needs a publishable key (pk_…); never put a secret or restricted key in a page.');
  }
  if (publishableKey.startsWith('pk_live_')) {
    throw new IntegrationError('The sandbox Stripe.js stand-in refuses live keys; use a pk_test_ key.');
  }
  const api = new ApiClient(apiBase, publishableKey);

  const modeled: ModeledStripe & Record<string, unknown> = {
    elements(elementsOptions?: object) {
      return new SandboxElements((elementsOptions ?? {}) as StripeElementsOptionsMode) as any;
    },

    async createConfirmationToken({ elements, params }: CreateConfirmationToken): Promise<ConfirmationTokenResult> {
      if (!(elements instanceof SandboxElements)) {
        throw new IntegrationError('createConfirmationToken: `elements` must come from stripe.elements() of this Stripe instance.');
      }
      if (!elements.mountedElements().some((e) => e.elementType === 'payment')) {
        throw new IntegrationError('createConfirmationToken: mount a Payment Element in this Elements group first.');
      }
      // Stripe.js requires elements.submit() to have succeeded before a ConfirmationToken is created.
      if (!elements.submitted) {
        throw new IntegrationError(
          'elements.submit() must be called and succeed before stripe.createConfirmationToken(); call it again after the customer changes a field.',
        );
      }
      const result = await api.post<ConfirmationTokenResult['confirmationToken']>('/v1/confirmation_tokens', confirmationTokenBody(elements, params));
      return result.ok ? { confirmationToken: result.body! } : { error: result.error };
    },

    async handleNextAction(opts: { clientSecret?: string; hashedValue?: string }): Promise<PaymentIntentOrSetupIntentResult> {
      if (typeof opts?.clientSecret !== 'string') notModeled('handleNextAction without a PaymentIntent clientSecret');
      const clientSecret = opts.clientSecret;
      const id = intentIdFromClientSecret(clientSecret);
      if (!id.startsWith('pi_')) notModeled('handleNextAction for a SetupIntent');
      const current = await api.get<PaymentIntent>(`/v1/payment_intents/${id}`, { client_secret: clientSecret });
      if (!current.ok) return { error: current.error };
      if (current.body.status !== 'requires_action') return { paymentIntent: current.body };

      const outcome = await showThreeDsModal();
      const after = await api.post<PaymentIntent>(`/_sandbox/3ds/${id}`, { client_secret: clientSecret, outcome });
      if (!after.ok) return { error: after.error };
      const pi = after.body;
      if (outcome === 'complete' && pi.status !== 'requires_payment_method') return { paymentIntent: pi };
      return { error: authenticationFailure(pi) };
    },

    async retrievePaymentIntent(clientSecret: string): Promise<PaymentIntentResult> {
      const id = intentIdFromClientSecret(clientSecret);
      const result = await api.get<PaymentIntent>(`/v1/payment_intents/${id}`, { client_secret: clientSecret });
      return result.ok ? { paymentIntent: result.body } : { error: result.error };
    },

    // @stripe/stripe-js's loadStripe calls this to report its version; nothing to record here.
    _registerWrapper() {},
  };
  for (const name of NOT_MODELED) modeled[name] = () => notModeled(`stripe.${name}()`);
  Object.defineProperty(modeled, 'sandbox', { value: { apiBase, options: options ?? {} } });
  return modeled as unknown as Stripe;
}

/**
 * Stripe.js turns a failed 3DS challenge into an error result built from the intent's
 * last_payment_error (code payment_intent_authentication_failure), with the intent attached.
 * https://docs.stripe.com/js/payment_intents/handle_next_action , https://docs.stripe.com/error-codes
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
