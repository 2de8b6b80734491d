import type { PaymentIntent, SetupIntent, Stripe } from '@stripe/stripe-js';
import type { ErrorDetail, Quote, SuccessDetail } from '../protocol/index.ts';
import type { ApiClient } from './api-client.ts';
import { forShopper, NOT_COMPLETED, stripeErrorDetail } from './messages.ts';
import { outcomeOf } from './outcome.ts';

/**
 * After a redirect-based payment method (a bank page, a wallet app), Stripe sends the customer
 * back to the ConfirmationToken's return_url with these query parameters: `payment_intent…` for a
 * payment or a subscription's first payment, `setup_intent…` for a setup. The element must show
 * that outcome there instead of a fresh form, or the customer might pay again.
 * See https://docs.stripe.com/payments/payment-intents/verifying-status.md
 * A Checkout Session (`ui` hosted or embedded) comes back with `session_id` instead.
 */
const KINDS = ['payment_intent', 'setup_intent'] as const;

export interface ReturnedIntent {
  intentId: string;
  clientSecret: string;
}

export function returnedIntent(href: string = location.href): ReturnedIntent | null {
  const query = new URL(href).searchParams;
  for (const kind of KINDS) {
    const intentId = query.get(kind);
    const clientSecret = query.get(`${kind}_client_secret`);
    // The secret starts with the intent's id; anything else is not Stripe's redirect.
    if (intentId && clientSecret?.startsWith(`${intentId}_secret_`)) return { intentId, clientSecret };
  }
  return null;
}

/** The Checkout Session this page is the return (success) page of, if any. */
export function returnedSessionId(href: string = location.href): string | null {
  const sessionId = new URL(href).searchParams.get('session_id');
  return sessionId && /^cs_\w+$/.test(sessionId) ? sessionId : null;
}

/** Drops the parameters, so a reload or a shared link does not replay the outcome. */
export function forgetReturn(): void {
  const url = new URL(location.href);
  for (const kind of KINDS) for (const name of [kind, `${kind}_client_secret`]) url.searchParams.delete(name);
  for (const name of ['redirect_status', 'session_id']) url.searchParams.delete(name);
  history.replaceState(history.state, '', url);
}

/**
 * When this page is the return_url of a redirect-based payment this checkout made, its outcome:
 * done means no form at all (paying again would charge twice); failed shows why, above the form.
 */
export async function returnedOutcome(stripe: Stripe, api: ApiClient, quote: Quote): Promise<SuccessDetail | ErrorDetail | null> {
  const returned = returnedIntent();
  if (!returned) return null;
  // Several checkouts may share a page: only the one that sold this purchase claims it.
  const order = await api.getPayment(returned.intentId).catch(() => null);
  if (!order || (order.item ?? '') !== (quote.item ?? '') || order.mode !== quote.mode) return null;
  forgetReturn();
  const setup = returned.intentId.startsWith('seti_');
  const result = setup ? await stripe.retrieveSetupIntent(returned.clientSecret) : await stripe.retrievePaymentIntent(returned.clientSecret);
  const intent = 'setupIntent' in result ? result.setupIntent : 'paymentIntent' in result ? result.paymentIntent : undefined;
  const outcome = intent && outcomeOf(order.mode, intent.status);
  if (outcome) {
    const ids = setup ? { setupIntentId: returned.intentId } : { paymentIntentId: returned.intentId };
    return { orderId: order.orderId, mode: order.mode, status: outcome, ...ids, subscriptionId: order.subscriptionId, customerId: order.customerId };
  }
  if (result.error) return forShopper(stripeErrorDetail(result.error), true);
  const lastError = (intent as PaymentIntent | undefined)?.last_payment_error ?? (intent as SetupIntent | undefined)?.last_setup_error;
  return forShopper({ type: 'card_error', code: lastError?.code ?? 'payment_not_completed', message: lastError?.message ?? NOT_COMPLETED }, true);
}
