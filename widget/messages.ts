import type { StripeError } from '@stripe/stripe-js';
import type { ErrorDetail } from '../protocol/index.ts';
import { EN, type Say, type Words } from './words.ts';

/** Codes whose text is ours to write, in the shopper's language (Stripe's is for developers there). */
const OURS: Record<string, keyof Words> = {
  payment_intent_authentication_failure: 'authFailed',
  setup_intent_authentication_failure: 'authFailed',
  payment_intent_payment_attempt_failed: 'notCompleted',
  setup_intent_setup_attempt_failed: 'notCompleted',
  payment_not_completed: 'notCompleted',
  unexpected_error: 'notCompleted',
  network_unreachable: 'offline',
  element_load_failed: 'formFailed',
  stripe_js_unavailable: 'formFailed',
  sandbox_stripe_js_unavailable: 'formFailed',
  sandbox_with_live_key: 'liveKey',
};

/**
 * What the shopper reads, in their language. Card declines and field validation carry Stripe's
 * customer-facing text, and the server's messages are written for shoppers; other Stripe
 * messages speak to developers, so they go to the console and the shopper reads plain words.
 */
export function forShopper(detail: ErrorDetail, fromStripe: boolean, say: Say): ErrorDetail {
  const status = /^http_(\d+)$/.exec(detail.code)?.[1];
  const ours = OURS[detail.code] ?? (status ? 'unexpected' : undefined);
  const trusted = !ours && (!fromStripe || detail.type === 'validation_error' || detail.type === 'card_error');
  if (trusted) return detail;
  if (fromStripe || detail.code === 'unexpected_error') console.warn(`<link-checkout>: ${detail.code}: ${detail.message}`);
  return { ...detail, message: say(ours ?? (detail.type === 'network_error' ? 'offline' : 'notCompleted'), status ?? '') };
}

/** A Stripe.js error in our ErrorDetail shape; a failed connection to Stripe is a network error. */
export function stripeErrorDetail(error: StripeError): ErrorDetail {
  return {
    type: error.type === 'api_connection_error' ? 'network_error' : error.type,
    code: error.code ?? error.type,
    message: error.message ?? EN.notCompleted,
  };
}
