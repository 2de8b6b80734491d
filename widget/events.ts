import type { ErrorDetail, SuccessDetail } from '../protocol/index.ts';

/** The events <link-checkout> fires, by name, with their `detail`. */
export interface LinkCheckoutEventMap {
  /** All three Stripe Elements are mounted and ready for input. */
  'link-checkout-ready': CustomEvent<void>;
  /** The payment went through (succeeded, processing or requires_capture). */
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

/** Fires a bubbling, composed event, so a listener outside any enclosing shadow root hears it. */
export function emit<K extends keyof LinkCheckoutEventMap>(
  target: EventTarget,
  name: K,
  ...[detail]: DetailOf<K> extends void ? [] : [DetailOf<K>]
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
