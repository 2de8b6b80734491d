import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CheckoutSessionLookup, CheckoutSessionRequest, CheckoutSessionResponse, CustomerSessionResponse } from '../../protocol/index.ts';
import { readJsonObject, receiptEmail } from '../checkout-request.ts';
import { createSessionOrder } from '../checkout-sessions.ts';
import { createCustomerSession } from '../customer-sessions.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, invalidRequest, sendError } from '../errors.ts';
import { parseQuoteRequest } from '../pricing/index.ts';

const ATTEMPT_ID = /^[A-Za-z0-9_-]{8,100}$/;
const SESSION_ID = /^cs_(test|live)_[A-Za-z0-9]{1,200}$/;

/**
 * The page Stripe sends the customer back to: an absolute http(s) URL, without credentials or a
 * fragment (`session_id` is appended to the query, which a fragment would swallow). When a browser
 * says which page asked (Origin), the return must be on that site.
 */
export function parseReturnUrl(value: unknown, origin: string | undefined): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && value.length <= 2000 ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw invalidRequest('parameter_invalid', 'returnUrl must be the http or https address of the page to come back to.', 'returnUrl');
  }
  if (origin && origin !== 'null' && url.origin !== origin) {
    throw invalidRequest('parameter_invalid', 'returnUrl must be on the page that asks for the session.', 'returnUrl');
  }
  url.hash = '';
  return url.href;
}

/** The body of POST /api/checkout-sessions: the quote's claims and what only a session needs. */
export function parseSessionRequest(body: Record<string, unknown>, origin: string | undefined): CheckoutSessionRequest {
  const { ui, attemptId, email } = body;
  if (ui !== 'hosted' && ui !== 'embedded') throw invalidRequest('parameter_invalid', 'ui must be hosted or embedded.', 'ui');
  if (typeof attemptId !== 'string' || !ATTEMPT_ID.test(attemptId)) {
    throw invalidRequest('invalid_attempt_id', 'attemptId must be 8 to 100 letters, digits, "-" or "_".', 'attemptId');
  }
  const request = parseQuoteRequest(body);
  if (request.order) throw invalidRequest('parameter_invalid', 'An order is completed on its own page, not with a new session.', 'order');
  const receipt = receiptEmail(email);
  return { ...request, ui, attemptId, returnUrl: parseReturnUrl(body.returnUrl, origin), ...(receipt ? { email: receipt } : {}) };
}

const limit = bodyLimit({
  maxSize: 16 * 1024,
  onError: (c) => sendError(c, new ApiError(413, 'invalid_request_error', 'body_too_large', 'The request body is too large.')),
});

/**
 * The widget's Checkout Sessions (`ui="hosted"` / `ui="embedded"`, seed 003) and its returning
 * customers' CustomerSessions (seed 002). Prices come from the same rules as POST /api/checkout.
 */
export function sessionRoutes({ stripe, store, pricing, reconciler }: AppDeps) {
  return new Hono()
    .post('/api/checkout-sessions', limit, async (c) => {
      const request = parseSessionRequest(await readJsonObject(c), c.req.header('origin'));
      const quote = await pricing.quote(request, 'checkout');
      if (quote.elements.captureMethod || quote.elements.setupFutureUsage) {
        throw invalidRequest('parameter_unsupported', 'capture and save work with ui="elements" only.', quote.elements.captureMethod ? 'capture' : 'save');
      }
      // A returning customer's session is theirs; otherwise Checkout makes the Customer on completion.
      const { order, session } = await createSessionOrder({ stripe, store }, {
        mode: quote.mode,
        ui: request.ui,
        attemptId: request.attemptId,
        quote,
        customer: quote.customer,
        email: request.email,
        returnUrl: () => request.returnUrl,
      });
      const body: CheckoutSessionResponse = {
        orderId: order.id,
        sessionId: session.id,
        ...(request.ui === 'hosted' ? { url: session.url ?? '' } : { clientSecret: session.client_secret ?? '' }),
      };
      return c.json(body);
    })
    .get('/api/checkout-sessions/:id', async (c) => {
      const id = c.req.param('id');
      const found = SESSION_ID.test(id) ? await store.findOrderByStripeId(id) : null;
      // A session read on its return page asks Stripe when its webhook is late.
      const order = found && reconciler ? await reconciler.order(found) : found;
      if (!order) throw new ApiError(404, 'invalid_request_error', 'checkout_session_not_found', 'There is no order for this checkout.');
      const ids = { customerId: order.customerId, subscriptionId: order.subscriptionId, paymentIntentId: order.paymentIntentId, setupIntentId: order.setupIntentId };
      const { item, mode, status, name, amount, currency } = order;
      const body: CheckoutSessionLookup = { orderId: order.id, item, mode, status, name, amount, currency };
      for (const [key, value] of Object.entries(ids)) if (value) Object.assign(body, { [key]: value });
      return c.json(body);
    })
    .post('/api/customer-sessions', limit, async (c) => {
      const claims = parseQuoteRequest(await readJsonObject(c));
      if (!claims.customer) throw invalidRequest('parameter_missing', 'Say which returning customer (customer and customerSignature).', 'customer');
      const customer = (await pricing.customer(claims))!;
      const body: CustomerSessionResponse = { clientSecret: await createCustomerSession(stripe, customer) };
      return c.json(body);
    });
}
