// Entry: installStripeStandIn() puts a Stripe.js stand-in on window.Stripe, where
// @stripe/stripe-js's loadStripe() looks first. Never part of product code (see sandbox/README.md).
import type { StripeConstructor, StripeConstructorOptions } from '@stripe/stripe-js';
import { createStripe } from './stripe.ts';

export { IntegrationError } from './errors.ts';
export { encodeForm } from './form.ts';
export { setNavigate, type Navigate } from './navigation.ts';

/** The release train @stripe/stripe-js 10.2.1 expects; a mismatch only makes loadStripe warn. */
export const STRIPE_JS_VERSION = 'endive';

export function installStripeStandIn({ apiBase }: { apiBase: string }): StripeConstructor {
  const factory = ((publishableKey: string, options?: StripeConstructorOptions) =>
    createStripe(apiBase, publishableKey, options)) as StripeConstructor & { version: string; sandbox: true };
  factory.version = STRIPE_JS_VERSION;
  factory.sandbox = true;
  window.Stripe = factory;
  return factory;
}
