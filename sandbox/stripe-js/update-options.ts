// Which options element.update() / elements.update() accept after creation. Stripe.js lists them
// per Element (the @stripe/stripe-js `…UpdateOptions` types and docs.stripe.com/js pages cited
// below); the sandbox throws IntegrationError for anything else rather than silently applying it.
import type { StripeElementsUpdateOptions, StripePaymentElementUpdateOptions } from '@stripe/stripe-js';
import { IntegrationError } from './errors.ts';

/** Every key of T, checked at compile time in both directions (none missing, none extra). */
type AllKeys<T> = ReadonlyArray<keyof T>;
const exactly = <T>() => <const K extends AllKeys<T>>(keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)) => keys;

// https://docs.stripe.com/js/elements_object/update
export const ELEMENTS_UPDATABLE = exactly<StripeElementsUpdateOptions>()([
  'locale', 'fonts', 'appearance', 'mode', 'currency', 'amount', 'setupFutureUsage', 'setup_future_usage',
  'captureMethod', 'capture_method', 'excludedPaymentMethodTypes', 'allowedPaymentMethodTypes',
  'paymentMethodConfiguration', 'payment_method_configuration', 'onBehalfOf', 'on_behalf_of',
  'customerSessionClientSecret', 'customPaymentMethods',
]);

// https://docs.stripe.com/js/elements_object/update_payment_element
export const PAYMENT_UPDATABLE = exactly<StripePaymentElementUpdateOptions>()([
  'defaultValues', 'business', 'paymentMethodOrder', 'fields', 'readOnly', 'terms', 'applePay', 'walletOptions', 'layout',
]);
/** Layout object keys fixed at creation (PaymentElementLayoutObjectUpdateOptions omits them). */
export const PAYMENT_LAYOUT_FIXED = ['defaultCollapsed', 'paymentMethodLogoPosition'] as const;

// https://docs.stripe.com/js/elements_object/update_address_element: only fields and validation.
// (@stripe/stripe-js types the argument as Partial<StripeAddressElementOptions>, wider than the docs.)
export const ADDRESS_UPDATABLE = ['fields', 'validation'] as const;

// The Link Authentication Element documents no update() options (its type has no update method).
export const LINK_AUTHENTICATION_UPDATABLE = [] as const;

/** Throws IntegrationError naming the first option that may not change after creation. */
export function refuseFixedOptions(what: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === null || typeof options !== 'object') throw new IntegrationError(`${what}.update() expects an options object.`);
  const fixed = Object.keys(options).filter((k) => !allowed.includes(k));
  if (fixed.length) {
    throw new IntegrationError(
      `${what}.update(): ${fixed.map((k) => `"${k}"`).join(', ')} cannot be changed after creation` +
        (allowed.length ? ` (updatable: ${allowed.join(', ')}).` : ' (this Element has no updatable options).'),
    );
  }
}
