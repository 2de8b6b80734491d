import type { CheckoutMode, ErrorDetail, SuccessDetail } from '../protocol/index.ts';

/** The events <link-checkout> fires, by name, with their `detail`. */
export interface LinkCheckoutEventMap {
  /** The Stripe Elements are mounted and ready for input. */
  'link-checkout-ready': CustomEvent<void>;
  /** Any field changed. `complete`: every Element is complete; `amount` in minor units. */
  'link-checkout-change': CustomEvent<{ complete: boolean; empty: boolean; mode: CheckoutMode; amount: number; currency: string }>;
  /** The email was typed, or filled by a Link sign-in. */
  'link-checkout-email': CustomEvent<{ email: string }>;
  /** The address changed; `value` is the Address Element's `{name, phone, address}`. */
  'link-checkout-address': CustomEvent<{ complete: boolean; value: unknown }>;
  /** Pay was pressed. Cancelable: `preventDefault()` stops this attempt before anything is sent. */
  'link-checkout-submit': CustomEvent<{ mode: CheckoutMode; amount: number; currency: string }>;
  /** The payment went through, or the method was saved, or the subscription started. */
  'link-checkout-success': CustomEvent<SuccessDetail>;
  /** Loading or a payment attempt failed; the message is also shown to the customer. */
  'link-checkout-error': CustomEvent<ErrorDetail>;
}

declare global {
  // Typed `addEventListener('link-checkout-success', e => e.detail.orderId)` for site code.
  interface HTMLElementEventMap extends LinkCheckoutEventMap {}
}

type DetailOf<K extends keyof LinkCheckoutEventMap> =
  LinkCheckoutEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Fires a bubbling, composed event, so a listener outside any enclosing shadow root hears it.
 * Returns false when a listener canceled it.
 */
export function emit<K extends keyof LinkCheckoutEventMap>(
  target: EventTarget,
  name: K,
  ...[detail]: DetailOf<K> extends void ? [] : [DetailOf<K>]
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: name === 'link-checkout-submit' }));
}
