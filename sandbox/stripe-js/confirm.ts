// stripe.confirmPayment / confirmSetup for deferred Elements (elements + clientSecret):
// the Elements' details become a ConfirmationToken, the intent is confirmed with it from the
// browser (publishable key + client_secret, as Stripe.js does), 3DS runs if needed, and the
// page is sent to return_url unless redirect: 'if_required' lets the promise resolve.
// https://docs.stripe.com/js/payment_intents/confirm_payment
import type { PaymentIntent, SetupIntent, StripeElements, StripeError } from '@stripe/stripe-js';
import { intentIdFromClientSecret, type ApiClient } from './api-client.ts';
import { tokenBodyWithLink } from './link-signup.ts';
import { SandboxElements } from './elements-group.ts';
import { IntegrationError } from './errors.ts';
import { authenticateIfNeeded } from './next-action.ts';

export interface ConfirmOptions {
  elements: StripeElements;
  clientSecret?: string;
  confirmParams?: { return_url?: string; payment_method_data?: object; shipping?: object };
  redirect?: 'always' | 'if_required';
}

type Kind = 'payment' | 'setup';
type Result = { paymentIntent?: PaymentIntent; setupIntent?: SetupIntent; error?: StripeError };

/** Where Stripe.js sends the customer after confirming: return_url plus the intent's id and status. */
export function redirectUrl(returnUrl: string, kind: Kind, intent: { id: string; client_secret?: string | null }, status: 'succeeded' | 'processing' | 'failed'): string {
  const url = new URL(returnUrl, location.href);
  const name = kind === 'payment' ? 'payment_intent' : 'setup_intent';
  url.searchParams.set(name, intent.id);
  url.searchParams.set(`${name}_client_secret`, intent.client_secret ?? '');
  url.searchParams.set('redirect_status', status);
  return url.href;
}

export async function confirmIntent(api: ApiClient, kind: Kind, opts: ConfirmOptions, navigate: (url: string) => void): Promise<Result> {
  const method = kind === 'payment' ? 'confirmPayment' : 'confirmSetup';
  const { elements, clientSecret, confirmParams = {}, redirect = 'always' } = opts ?? ({} as ConfirmOptions);
  if (!(elements instanceof SandboxElements)) throw new IntegrationError(`${method}: \`elements\` from stripe.elements() is required.`);
  if (typeof clientSecret !== 'string') {
    throw new IntegrationError(`${method}: with deferred Elements, pass the \`clientSecret\` of the intent your server created.`);
  }
  const id = intentIdFromClientSecret(clientSecret);
  if (!id.startsWith(kind === 'payment' ? 'pi_' : 'seti_')) throw new IntegrationError(`${method}: clientSecret is not a ${kind === 'payment' ? 'PaymentIntent' : 'SetupIntent'} client secret.`);
  if (redirect !== 'if_required' && !confirmParams.return_url) {
    throw new IntegrationError(`${method}: confirmParams.return_url is required unless redirect is 'if_required'.`);
  }
  if (!elements.submitted) throw new IntegrationError(`elements.submit() must be called and succeed before stripe.${method}().`);

  const prepared = await tokenBodyWithLink(elements, confirmParams as never);
  if ('error' in prepared) return { error: prepared.error };
  const token = await api.post<{ id: string }>('/v1/confirmation_tokens', prepared.body);
  if (!token.ok) return { error: token.error };
  const path = kind === 'payment' ? `/v1/payment_intents/${id}/confirm` : `/v1/setup_intents/${id}/confirm`;
  const confirmed = await api.post<PaymentIntent & SetupIntent>(path, {
    client_secret: clientSecret,
    confirmation_token: token.body.id,
    return_url: confirmParams.return_url,
  });
  if (!confirmed.ok) return { error: confirmed.error };

  let intent: PaymentIntent | SetupIntent = confirmed.body;
  if (intent.status === 'requires_action') {
    const authenticated = await authenticateIfNeeded(api, intent, clientSecret);
    if (authenticated.error) return authenticated;
    intent = authenticated.paymentIntent ?? authenticated.setupIntent;
  }
  // Cards need no redirect, so 'if_required' resolves here; 'always' goes to return_url.
  if (redirect === 'if_required' || !confirmParams.return_url) {
    return kind === 'payment' ? { paymentIntent: intent as PaymentIntent } : { setupIntent: intent as SetupIntent };
  }
  navigate(redirectUrl(confirmParams.return_url, kind, intent, intent.status === 'processing' ? 'processing' : 'succeeded'));
  return new Promise<Result>(() => {}); // the page is leaving, as with Stripe.js
}
