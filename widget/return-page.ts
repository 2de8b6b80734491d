/**
 * After a redirect-based payment method (a bank page, a wallet app), Stripe sends the customer
 * back to the ConfirmationToken's return_url with these query parameters: `payment_intent…` for a
 * payment or a subscription's first payment, `setup_intent…` for a setup. The element must show
 * that outcome there instead of a fresh form, or the customer might pay again.
 * See https://docs.stripe.com/payments/payment-intents/verifying-status.md
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

/** Drops the parameters, so a reload or a shared link does not replay the outcome. */
export function forgetReturnedIntent(): void {
  const url = new URL(location.href);
  for (const kind of KINDS) for (const name of [kind, `${kind}_client_secret`]) url.searchParams.delete(name);
  url.searchParams.delete('redirect_status');
  history.replaceState(history.state, '', url);
}
