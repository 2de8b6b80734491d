/**
 * After a redirect-based payment method (a bank page, a wallet app), Stripe sends the customer
 * back to the ConfirmationToken's return_url with these query parameters. The element must show
 * that payment's outcome there instead of a fresh form, or the customer might pay again.
 * See https://docs.stripe.com/payments/payment-intents/verifying-status.md
 */
const PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status'] as const;

export interface ReturnedPayment {
  paymentIntentId: string;
  clientSecret: string;
}

export function returnedPayment(href: string = location.href): ReturnedPayment | null {
  const query = new URL(href).searchParams;
  const paymentIntentId = query.get('payment_intent');
  const clientSecret = query.get('payment_intent_client_secret');
  // The secret starts with the intent's id; anything else is not Stripe's redirect.
  if (!paymentIntentId || !clientSecret?.startsWith(`${paymentIntentId}_secret_`)) return null;
  return { paymentIntentId, clientSecret };
}

/** Drops the parameters, so a reload or a shared link does not replay the outcome. */
export function forgetReturnedPayment(): void {
  const url = new URL(location.href);
  for (const name of PARAMS) url.searchParams.delete(name);
  history.replaceState(history.state, '', url);
}
