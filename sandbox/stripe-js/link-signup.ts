// The Link sign-up a ticked "Save my info" box asks for, made just before the ConfirmationToken:
// POST /_sandbox/link/signup (the emulator's stand-in for Link's private consumer API) with the
// email, phone and card; it answers with the `link` PaymentMethod the token then names. The
// account is kept once that payment or setup succeeds (sandbox/api/resources/link-accounts.ts).
import type { CreateConfirmationToken, StripeError } from '@stripe/stripe-js';
import { billingDetails, confirmationTokenBody, shippingOf } from './confirmation-token.ts';
import type { SandboxElements } from './elements-group.ts';
import { PaymentElement } from './payment-element.ts';

type Params = NonNullable<CreateConfirmationToken['params']>;

/**
 * The POST /v1/confirmation_tokens body, after a Link sign-up when one was chosen. Integration
 * errors (confirmationTokenBody's) throw before anything is sent; a refused sign-up is an error result.
 */
export async function tokenBodyWithLink(elements: SandboxElements, params: Params = {}): Promise<{ body: ReturnType<typeof confirmationTokenBody> } | { error: StripeError }> {
  confirmationTokenBody(elements, params);
  const link = await linkSignUpIfChosen(elements, params);
  if (link.error) return { error: link.error };
  return { body: confirmationTokenBody(elements, params, link.paymentMethod) };
}

/** The `link` PaymentMethod to pay with when the shopper chose to sign up; nothing otherwise. */
export async function linkSignUpIfChosen(elements: SandboxElements, params: Params = {}): Promise<{ paymentMethod?: string; error?: StripeError }> {
  const payment = elements.mountedElements().find((e): e is PaymentElement => e instanceof PaymentElement);
  const signup = payment?.linkSignup();
  if (!payment || !signup) return {};
  const billing = billingDetails(elements, params);
  const result = await elements.api.post<{ payment_method: { id: string } }>('/_sandbox/link/signup', {
    email: signup.email,
    phone: signup.phone,
    name: typeof billing.name === 'string' ? billing.name : undefined,
    card: { ...payment.cardData() },
    billing_details: billing,
    shipping: shippingOf(elements, params),
  });
  return result.ok ? { paymentMethod: result.body.payment_method.id } : { error: result.error };
}
