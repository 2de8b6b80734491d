/** POST /v1/customer_sessions, and the sandbox-only saved-card lookup for the Stripe.js stand-in. */
import type { Hono } from 'hono';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, type Spec, obj, parseParams } from '../params.ts';
import { createCustomerSession, redisplayablePaymentMethods, usableCustomerSession } from '../resources/customer-sessions.ts';

const ON_OFF: Spec = { enum: ['enabled', 'disabled'] };
const REDISPLAY: Spec = { array: { enum: ['always', 'limited', 'unspecified'] } };
const ENABLED = obj({ enabled: 'bool' }, ['enabled']);

const COMPONENTS = obj({
  payment_element: obj(
    {
      enabled: 'bool',
      features: obj({
        payment_method_allow_redisplay_filters: REDISPLAY,
        payment_method_redisplay: ON_OFF,
        payment_method_redisplay_limit: 'int',
        payment_method_remove: ON_OFF,
        payment_method_save: ON_OFF,
        payment_method_save_usage: { enum: ['off_session', 'on_session'] },
      }),
    },
    ['enabled'],
  ),
  buy_button: ENABLED,
  pricing_table: ENABLED,
  customer_portal: ENABLED,
  active_entitlements: ENABLED,
});

export function customerSessionRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/customer_sessions', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { customer: 'string', components: COMPONENTS, expand: EXPAND }, ['customer', 'components']);
    return createCustomerSession(ctx, p);
  });

  // Sandbox-only (real Stripe.js uses private endpoints): the saved cards the Payment Element
  // would offer for this CustomerSession, plus the session's payment_element features.
  defineRoute(app, deps, 'GET', '/_sandbox/customer_sessions/payment_methods', 'browser', (req, ctx) => {
    const p = parseParams(req.params, { customer_session_client_secret: 'string' }, ['customer_session_client_secret']);
    const session = usableCustomerSession(ctx, p.customer_session_client_secret);
    return {
      object: 'list',
      data: redisplayablePaymentMethods(ctx, session),
      has_more: false,
      url: '/_sandbox/customer_sessions/payment_methods',
      customer: session.customer,
      features: session.components!.payment_element.features,
    };
  });
}
