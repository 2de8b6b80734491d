// The POST /v1/confirmation_tokens body that stripe.createConfirmationToken({elements, params})
// sends: card + billing_details from the mounted Elements, shipping from a shipping-mode Address
// Element, and what the caller passed in `params` (return_url, overrides).
// https://docs.stripe.com/js/confirmation_tokens/create_confirmation_token
import type { CreateConfirmationToken } from '@stripe/stripe-js';
import { AddressElement } from './address-element.ts';
import type { SandboxElements } from './elements-group.ts';
import { IntegrationError } from './errors.ts';
import type { FormValue } from './form.ts';
import { LinkAuthenticationElement } from './link-authentication-element.ts';
import { PaymentElement } from './payment-element.ts';

type Params = NonNullable<CreateConfirmationToken['params']>;
type Obj = { [key: string]: FormValue };

/** The billing details the mounted Elements and `params` give, checked as Stripe.js checks them. */
export function billingDetails(elements: SandboxElements, params: Params = {}): Obj {
  const mounted = elements.mountedElements();
  const payment = mounted.find((e): e is PaymentElement => e instanceof PaymentElement);
  const link = mounted.find((e): e is LinkAuthenticationElement => e instanceof LinkAuthenticationElement);
  const billingAddress = mounted.find((e): e is AddressElement => e instanceof AddressElement && e.mode === 'billing');

  // Later sources win: Payment Element defaults, then what the customer typed, then params.
  const defaults = payment?.billingDetails ?? {};
  const billing: Obj = { ...(defaults as Obj) };
  if (link?.email) billing.email = link.email;
  if (payment?.email) billing.email = payment.email;
  if (billingAddress) {
    const v = billingAddress.addressValue;
    billing.name = v.name;
    billing.address = { ...v.address };
    if (v.phone) billing.phone = v.phone;
  }
  const extra = params.payment_method_data ?? {};
  Object.assign(billing, (extra.billing_details ?? {}) as Obj);
  if (payment?.emailNever && !extra.billing_details?.email) {
    // Stripe.js refuses to leave out a field the page said it would provide.
    throw new IntegrationError(
      'The Payment Element was created with fields.billingDetails.email: "never", so pass params.payment_method_data.billing_details.email ' +
        '(confirmParams for confirmPayment / confirmSetup) with the customer\'s email.',
    );
  }
  return billing;
}

/** What the shipping-mode Address Element (or params.shipping) says, as the token's `shipping`. */
export function shippingOf(elements: SandboxElements, params: Params = {}): Obj | undefined {
  if (params.shipping) return params.shipping as unknown as Obj;
  const shippingAddress = elements.mountedElements().find((e): e is AddressElement => e instanceof AddressElement && e.mode === 'shipping');
  if (!shippingAddress) return undefined;
  const v = shippingAddress.addressValue;
  return { name: v.name, phone: v.phone || undefined, address: { ...v.address } };
}

/**
 * The token body. `linkPaymentMethod` is the `link` PaymentMethod a Link sign-up just made
 * (link-signup.ts); like a saved method it is sent by id.
 */
export function confirmationTokenBody(elements: SandboxElements, params: Params = {}, linkPaymentMethod?: string): Obj {
  const payment = elements.mountedElements().find((e): e is PaymentElement => e instanceof PaymentElement);
  const billing = billingDetails(elements, params);
  const extra = params.payment_method_data ?? {};

  // A saved method (Link login or sign-up, CustomerSession card) is sent by id; its details stay with Stripe.
  const savedPm = payment?.selectedSaved()?.id ?? linkPaymentMethod;
  const body: Obj = savedPm ? { payment_method: savedPm } : {
    payment_method_data: {
      type: 'card',
      card: payment ? { ...payment.cardData() } : undefined,
      billing_details: Object.keys(billing).length ? billing : undefined,
      allow_redisplay: extra.allow_redisplay,
      metadata: extra.metadata,
    },
  };
  body.return_url = params.return_url ?? undefined;
  body.metadata = params.metadata as Obj | undefined;
  const shipping = shippingOf(elements, params);
  if (shipping) body.shipping = shipping;
  const { setupFutureUsage, clientContext } = elementsContext(elements.options);
  if (setupFutureUsage) body.setup_future_usage = setupFutureUsage;
  body.client_context = clientContext;
  return body;
}

/**
 * What Stripe.js tells Stripe about the Elements group with the token: the documented
 * setup_future_usage, and the undocumented `client_context` (mode, currency, setup_future_usage,
 * capture_method, payment_method_types; names as stripe-android's ConfirmationTokenClientContextParams,
 * added "to match web"), which Stripe compares with the intent at confirm time.
 * Subscription mode saves the card for the renewals, so its tokens say off_session (inferred, not
 * documented by Stripe).
 */
export function elementsContext(opts: SandboxElements['options']): { setupFutureUsage?: string; clientContext: Obj } {
  const setupFutureUsage =
    opts.mode === 'subscription' ? 'off_session' : opts.mode === 'payment' ? (opts.setupFutureUsage ?? opts.setup_future_usage ?? undefined) : undefined;
  const captureMethod = opts.mode === 'payment' ? (opts.captureMethod ?? opts.capture_method) : undefined;
  // paymentMethodTypes is seed 002's name; @stripe/stripe-js 10 types call it allowedPaymentMethodTypes.
  const types = opts.allowedPaymentMethodTypes ?? (opts as { paymentMethodTypes?: string[] }).paymentMethodTypes;
  return {
    setupFutureUsage,
    clientContext: {
      mode: opts.mode,
      currency: opts.currency?.toLowerCase(),
      setup_future_usage: setupFutureUsage,
      capture_method: captureMethod,
      payment_method_types: types?.length ? [...types] : undefined,
    },
  };
}
