/** /v1/confirmation_tokens (browser create, server retrieve) and the test-helper create. */
import type { Hono } from 'hono';
import { type CardSecret, TEST_PAYMENT_METHODS, validateCard } from '../cards.ts';
import { invalidParam, missingParam } from '../errors.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { BILLING_DETAILS, EXPAND, SHIPPING, type Spec, obj, parseParams } from '../params.ts';
import { createConfirmationToken, requireConfirmationToken } from '../resources/confirmation-tokens.ts';
import type { Ctx } from '../state.ts';
import { billingDetailsFrom, emptyBillingDetails, requirePaymentMethod, testCard } from '../resources/payment-methods.ts';

const SFU: Spec = { enum: ['off_session', 'on_session'] };

export const PAYMENT_METHOD_DATA = obj(
  {
    type: { enum: ['card'] },
    card: obj({ number: 'string', exp_month: 'int', exp_year: 'int', cvc: 'string' }),
    billing_details: BILLING_DETAILS,
    allow_redisplay: { enum: ['always', 'limited', 'unspecified'] },
    metadata: 'map',
  },
  ['type'],
);

/** Stripe.js's undocumented Elements context (see ClientContext); the fields the mobile SDKs name. */
const CLIENT_CONTEXT = obj(
  {
    mode: { enum: ['payment', 'setup', 'subscription'] },
    currency: 'string',
    setup_future_usage: SFU,
    capture_method: { enum: ['automatic', 'automatic_async', 'manual'] },
    payment_method_types: { array: 'string' },
    on_behalf_of: 'string',
    payment_method_configuration: 'string',
    customer: 'string',
  },
  ['mode'],
);

const BROWSER_CREATE: Record<string, Spec> = {
  payment_method_data: PAYMENT_METHOD_DATA,
  payment_method: 'string',
  shipping: SHIPPING,
  return_url: 'string',
  setup_future_usage: SFU,
  client_context: CLIENT_CONTEXT,
  expand: EXPAND,
};

const TEST_HELPER_CREATE: Record<string, Spec> = {
  payment_method: 'string',
  payment_method_data: obj({ type: { enum: ['card'] }, billing_details: BILLING_DETAILS }, ['type']),
  shipping: SHIPPING,
  return_url: 'string',
  setup_future_usage: SFU,
  expand: EXPAND,
};

/** Raw card data from `payment_method_data[card][…]`, checked as Stripe checks new cards (402 on bad data). */
export function cardFromPaymentMethodData(ctx: Ctx, pmd: Record<string, any>): CardSecret {
  const c = pmd.card;
  if (!c) throw missingParam('payment_method_data[card]');
  for (const field of ['number', 'exp_month', 'exp_year']) {
    if (c[field] === undefined || c[field] === '') throw missingParam(`payment_method_data[card][${field}]`);
  }
  const card: CardSecret = { number: String(c.number).replace(/[\s-]/g, ''), exp_month: c.exp_month, exp_year: c.exp_year, cvc: c.cvc };
  validateCard(card, new Date(ctx.now() * 1000), 'payment_method_data[card]');
  return card;
}

export function confirmationTokenRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/confirmation_tokens', 'browser', (req, ctx) => {
    const p = parseParams(req.params, BROWSER_CREATE);
    if (p.payment_method) {
      // Confirming with a saved PaymentMethod (e.g. one Link returned).
      return createConfirmationToken(ctx, { paymentMethod: requirePaymentMethod(ctx, p.payment_method, 'payment_method') }, p);
    }
    if (!p.payment_method_data) throw missingParam('payment_method_data');
    const card = cardFromPaymentMethodData(ctx, p.payment_method_data);
    const billing = billingDetailsFrom(p.payment_method_data.billing_details);
    return createConfirmationToken(ctx, { card, billing }, p);
  });

  defineRoute(app, deps, 'GET', '/v1/confirmation_tokens/:id', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return requireConfirmationToken(ctx, req.path.id);
  });

  // https://docs.stripe.com/api/confirmation_tokens/test_create: server-side tokens for tests.
  defineRoute(app, deps, 'POST', '/v1/test_helpers/confirmation_tokens', 'secret', (req, ctx) => {
    const p = parseParams(req.params, TEST_HELPER_CREATE);
    if (!p.payment_method) throw missingParam('payment_method');
    const number = TEST_PAYMENT_METHODS[p.payment_method];
    if (number) {
      const billing = p.payment_method_data ? billingDetailsFrom(p.payment_method_data.billing_details) : emptyBillingDetails();
      return createConfirmationToken(ctx, { card: testCard(number, ctx), billing }, p);
    }
    if (!p.payment_method.startsWith('pm_')) throw invalidParam('payment_method', `Invalid payment_method: ${p.payment_method}`);
    return createConfirmationToken(ctx, { paymentMethod: requirePaymentMethod(ctx, p.payment_method, 'payment_method') }, p);
  });
}
