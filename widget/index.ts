/**
 * Entry of the widget build. Importing it defines <link-checkout> (once: a page may include the
 * script twice, e.g. ESM and IIFE, and a second define() would throw).
 */
import { LinkCheckout } from './link-checkout.ts';

export { LinkCheckout };
export { CheckoutError } from './api-client.ts';
export type { CheckoutState, CheckoutMessage } from './checkout-flow.ts';
export type { LinkCheckoutEventMap } from './events.ts';
export type { ErrorDetail, SuccessDetail, PublicConfig, Quote } from '../protocol/index.ts';

if (!customElements.get('link-checkout')) {
  customElements.define('link-checkout', LinkCheckout);
}

declare global {
  interface HTMLElementTagNameMap {
    'link-checkout': LinkCheckout;
  }
}
