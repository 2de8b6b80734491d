import type { CheckoutMode, CheckoutOutcome, SuccessDetail } from '../protocol/index.ts';

/** What an intent's status means for each mode; null: not done (declined, or authentication failed). */
export function outcomeOf(mode: CheckoutMode, status: string): CheckoutOutcome | null {
  if (status === 'processing') return 'processing';
  if (status === 'requires_capture' && mode === 'payment') return 'authorized';
  if (status !== 'succeeded') return null;
  return mode === 'setup' ? 'saved' : mode === 'subscription' ? 'active' : 'paid';
}

/** What the shopper reads once done; `%` is the amount. */
const THANKS: Record<CheckoutOutcome, string> = {
  paid: 'Payment of % received. Thank you!',
  authorized: 'Payment of % authorized. Thank you!',
  saved: 'Your payment details are saved. Thank you!',
  active: 'Your subscription is active. Thank you!',
  processing: 'Your payment of % is processing. Thank you!',
};

/** The thanks for a success; a setup has no amount to name, and no order number a shopper needs. */
export function thanksFor(detail: SuccessDetail, amount: string): string {
  if (detail.mode === 'setup') return detail.status === 'processing' ? 'Your payment details are being confirmed. Thank you!' : THANKS.saved;
  return `${THANKS[detail.status].replace('%', amount)} Your order is ${detail.orderId}.`;
}
