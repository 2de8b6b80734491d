import type Stripe from 'stripe';
import { ApiError, fromStripeError } from './errors.ts';

/**
 * A CustomerSession for the Payment Element (seed 002 § Save and retrieve customer payment
 * methods): it lists the Customer's saved payment methods and offers to save a new one.
 *
 * Every redisplay consent is shown, not only `always` (Stripe's default filter): the shop signed
 * that this is its customer, and the methods on that Customer were saved through this shop's own
 * checkout (setup mode, `save`, Checkout), which Stripe marks `limited` or `unspecified`.
 * Removing stays off: it detaches the method, which would break a subscription that pays with it.
 */
export async function createCustomerSession(stripe: Stripe, customer: string): Promise<string> {
  try {
    const session = await stripe.customerSessions.create({
      customer,
      components: {
        payment_element: {
          enabled: true,
          features: {
            payment_method_redisplay: 'enabled',
            payment_method_allow_redisplay_filters: ['always', 'limited', 'unspecified'],
            payment_method_save: 'enabled',
            // Saved for the shop to charge later, as setup mode saves (usage off_session).
            payment_method_save_usage: 'off_session',
            payment_method_remove: 'disabled',
          },
        },
      },
    });
    return session.client_secret;
  } catch (err) {
    if ((err as { code?: string }).code === 'resource_missing') {
      throw new ApiError(404, 'invalid_request_error', 'customer_not_found', 'This returning customer is no longer known to the shop.');
    }
    throw fromStripeError(err);
  }
}
