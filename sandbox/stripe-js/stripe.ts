// The object returned by Stripe(publishableKey): what our widget uses of Stripe.js, backed
// by the emulator. Methods it does not model throw instead of pretending.
import type {
  ConfirmationTokenResult,
  CreateConfirmationToken,
  PaymentIntent,
  PaymentIntentOrSetupIntentResult,
  PaymentIntentResult,
  SetupIntent,
  SetupIntentResult,
  Stripe,
  StripeConstructorOptions,
  StripeElementsOptionsMode,
  StripeEmbeddedCheckoutOptions,
} from '@stripe/stripe-js';
import { ApiClient, intentIdFromClientSecret } from './api-client.ts';
import { tokenBodyWithLink } from './link-signup.ts';
import { SandboxElements } from './elements-group.ts';
import { IntegrationError, notModeled } from './errors.ts';
import { confirmIntent, type ConfirmOptions } from './confirm.ts';
import { initEmbeddedCheckout, type EmbeddedSlot } from './embedded-checkout.ts';
import { navigate } from './navigation.ts';
import { authenticateIfNeeded, intentPath } from './next-action.ts';

/** The Stripe methods the stand-in implements, with their official signatures. */
export type ModeledStripe = Pick<
  Stripe,
  'elements' | 'createConfirmationToken' | 'handleNextAction' | 'retrievePaymentIntent' | 'retrieveSetupIntent' | 'createEmbeddedCheckoutPage'
>;

/** Stripe.js methods a page might reach for that the sandbox does not model (yet). */
export const NOT_MODELED = [
  'confirmCardPayment',
  'confirmCardSetup',
  'handleCardAction',
  'createPaymentMethod',
  'createToken',
  'createRadarSession',
  'createEphemeralKeyNonce',
  'paymentRequest',
  'initCheckoutElementsSdk',
  'initCheckoutFormSdk',
  'initializePricing',
  'collectBankAccountForPayment',
  'collectBankAccountForSetup',
  'verifyIdentity',
  'processOrder',
  'retrieveOrder',
] as const satisfies ReadonlyArray<keyof Stripe>;

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
  const embedded: EmbeddedSlot = { live: false };

  const modeled: ModeledStripe & Record<string, unknown> = {
    elements(elementsOptions?: object) {
      return new SandboxElements((elementsOptions ?? {}) as StripeElementsOptionsMode, api) as any;
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
      const prepared = await tokenBodyWithLink(elements, params);
      if ('error' in prepared) return { error: prepared.error };
      const result = await api.post<ConfirmationTokenResult['confirmationToken']>('/v1/confirmation_tokens', prepared.body);
      return result.ok ? { confirmationToken: result.body! } : { error: result.error };
    },

    async handleNextAction(opts: { clientSecret?: string; hashedValue?: string }): Promise<PaymentIntentOrSetupIntentResult> {
      if (typeof opts?.clientSecret !== 'string') notModeled('handleNextAction without an intent clientSecret');
      const clientSecret = opts.clientSecret;
      const current = await api.get<PaymentIntent | SetupIntent>(intentPath(clientSecret), { client_secret: clientSecret });
      if (!current.ok) return { error: current.error };
      // "It will throw an error if the PaymentIntent has a different status":
      // https://docs.stripe.com/js/payment_intents/handle_next_action
      if (current.body.status !== 'requires_action') {
        const kind = current.body.id.startsWith('seti_') ? 'SetupIntent' : 'PaymentIntent';
        throw new IntegrationError(`handleNextAction: the ${kind} has status ${current.body.status}; it must be requires_action.`);
      }
      return authenticateIfNeeded(api, current.body, clientSecret);
    },

    // Deferred Elements only; the result types follow the official overloads by `redirect`.
    confirmPayment(opts: ConfirmOptions) {
      return confirmIntent(api, 'payment', opts, navigate);
    },

    confirmSetup(opts: ConfirmOptions) {
      return confirmIntent(api, 'setup', opts, navigate);
    },

    async retrievePaymentIntent(clientSecret: string): Promise<PaymentIntentResult> {
      const id = intentIdFromClientSecret(clientSecret);
      const result = await api.get<PaymentIntent>(`/v1/payment_intents/${id}`, { client_secret: clientSecret });
      return result.ok ? { paymentIntent: result.body } : { error: result.error };
    },

    async retrieveSetupIntent(clientSecret: string): Promise<SetupIntentResult> {
      const id = intentIdFromClientSecret(clientSecret);
      if (!id.startsWith('seti_')) throw new IntegrationError('retrieveSetupIntent: expected a SetupIntent client secret (seti_…_secret_…).');
      const result = await api.get<SetupIntent>(`/v1/setup_intents/${id}`, { client_secret: clientSecret });
      return result.ok ? { setupIntent: result.body } : { error: result.error };
    },

    // The documented name today; initEmbeddedCheckout below is the name the seed guide (003) uses.
    // https://docs.stripe.com/js/embedded_checkout
    createEmbeddedCheckoutPage(options: StripeEmbeddedCheckoutOptions) {
      return initEmbeddedCheckout(api, embedded, options);
    },
    initEmbeddedCheckout(options: StripeEmbeddedCheckoutOptions) {
      return initEmbeddedCheckout(api, embedded, options);
    },

    // @stripe/stripe-js's loadStripe calls this to report its version; nothing to record here.
    _registerWrapper() {},
    // Telemetry only in Stripe.js; there is nothing to report to offline.
    registerAppInfo() {},
  };
  for (const name of NOT_MODELED) modeled[name] = () => notModeled(`stripe.${name}()`);
  Object.defineProperty(modeled, 'sandbox', { value: { apiBase, options: options ?? {} } });
  return modeled as unknown as Stripe;
}
