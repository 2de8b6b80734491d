/**
 * CustomerSessions (https://docs.stripe.com/api/customer_sessions): a short-lived client secret
 * (`cuss_secret_…`, 30 minutes) granting the Payment Element access to one Customer's saved
 * payment methods. Stripe has no retrieve endpoint; Stripe.js reads them through private routes,
 * which the sandbox replaces with GET /_sandbox/customer_sessions/payment_methods.
 */
import type Stripe from 'stripe';
import { invalidParam, invalidRequest } from '../errors.ts';
import { randomString } from '../ids.ts';
import type { Ctx } from '../state.ts';
import { requireCustomer } from './customers.ts';

const TTL_SECONDS = 30 * 60;

type PEFeatures = Stripe.CustomerSession.Components.PaymentElement.Features;

export function createCustomerSession(ctx: Ctx, p: Record<string, any>): Stripe.CustomerSession {
  requireCustomer(ctx, p.customer, 'customer');
  const c = p.components ?? {};
  const enabled = Object.values(c).some((v: any) => v?.enabled === true);
  if (!enabled) {
    throw invalidParam('components', 'At least one component must be enabled.');
  }
  const pe = c.payment_element;
  const f = pe?.features;
  // Defaults per the CustomerSession API reference (payment_element.features): everything
  // disabled, redisplay filters ['always'].
  const features: PEFeatures | null = pe
    ? {
        payment_method_allow_redisplay_filters: f?.payment_method_allow_redisplay_filters ?? ['always'],
        payment_method_redisplay: f?.payment_method_redisplay ?? 'disabled',
        payment_method_redisplay_limit: f?.payment_method_redisplay_limit ?? 3,
        payment_method_remove: f?.payment_method_remove ?? 'disabled',
        payment_method_save: f?.payment_method_save ?? 'disabled',
        payment_method_save_usage: f?.payment_method_save_usage ?? null,
      }
    : null;
  const created = ctx.now();
  const session: Stripe.CustomerSession = {
    object: 'customer_session',
    client_secret: `cuss_secret_${randomString(48)}`,
    components: {
      active_entitlements: { enabled: c.active_entitlements?.enabled ?? false },
      buy_button: { enabled: c.buy_button?.enabled ?? false },
      customer_portal: { enabled: c.customer_portal?.enabled ?? false },
      customer_sheet: { enabled: false, features: null },
      mobile_payment_element: { enabled: false, features: null },
      payment_element: { enabled: pe?.enabled ?? false, features },
      pricing_table: { enabled: c.pricing_table?.enabled ?? false },
    },
    created,
    customer: p.customer,
    customer_account: null,
    expires_at: created + TTL_SECONDS,
    livemode: false,
  };
  ctx.state.customerSessions.set(session.client_secret, session);
  return session;
}

/** The session for a client secret, if it is still valid for the Payment Element. */
export function usableCustomerSession(ctx: Ctx, clientSecret: string): Stripe.CustomerSession {
  const session = ctx.state.customerSessions.get(clientSecret);
  if (!session) {
    throw invalidRequest('No such customer_session client secret.', { code: 'resource_missing', param: 'customer_session_client_secret', status: 404 });
  }
  if (session.expires_at <= ctx.now()) {
    throw invalidRequest('This CustomerSession has expired; create a new one on your server.', {
      code: 'customer_session_expired',
      param: 'customer_session_client_secret',
    });
  }
  if (!session.components?.payment_element.enabled) {
    throw invalidRequest('This CustomerSession does not enable the payment_element component.', { param: 'customer_session_client_secret' });
  }
  return session;
}

/**
 * The saved cards the Payment Element may show: the customer's card PaymentMethods whose
 * `allow_redisplay` is in the session's filters, newest first, up to the redisplay limit. None
 * when `payment_method_redisplay` is disabled.
 */
export function redisplayablePaymentMethods(ctx: Ctx, session: Stripe.CustomerSession): Stripe.PaymentMethod[] {
  const features = session.components!.payment_element.features;
  if (!features || features.payment_method_redisplay !== 'enabled') return [];
  const filters = features.payment_method_allow_redisplay_filters;
  return [...ctx.state.paymentMethods.values()]
    .filter((pm) => pm.customer === session.customer && pm.type === 'card' && filters.includes(pm.allow_redisplay ?? 'unspecified'))
    .reverse()
    .slice(0, features.payment_method_redisplay_limit ?? 3);
}
