import type { CheckoutMode, CheckoutOutcome, SuccessDetail } from '../protocol/index.ts';
import type { Say } from './words.ts';

/** What an intent's status means for each mode; null: not done (declined, or authentication failed). */
export function outcomeOf(mode: CheckoutMode, status: string): CheckoutOutcome | null {
  if (status === 'processing') return 'processing';
  if (status === 'requires_capture' && mode === 'payment') return 'authorized';
  if (status !== 'succeeded') return null;
  return mode === 'setup' ? 'saved' : mode === 'subscription' ? 'active' : 'paid';
}

const THANKS = { paid: 'thanksPaid', authorized: 'thanksAuthorized', processing: 'thanksProcessing', active: 'thanksActive', saved: 'thanksSaved' } as const;

/** The thanks for a success; a setup has no amount to name, and no order number a shopper needs. */
export function thanksFor(detail: SuccessDetail, amount: string, say: Say): string {
  if (detail.mode === 'setup') return say(detail.status === 'processing' ? 'thanksSaving' : 'thanksSaved');
  return `${say(THANKS[detail.status], amount)} ${say('order', detail.orderId)}`;
}
