import { Hono } from 'hono';
import type { CheckoutSessionCreated } from '../../protocol/admin.ts';
import { createSessionOrder } from '../checkout-sessions.ts';
import type { AppDeps } from '../deps.ts';
import { invalidRequest } from '../errors.ts';
import { customerOr404 } from './customers.ts';
import { actionKey, adminBody, publicUrlOf } from './views.ts';

/**
 * Checkout Sessions a merchant sends a customer (seed 003): set up future payments for a new or
 * existing customer, or pay for a catalog item; hosted (a URL) or embedded (our /pay page).
 */
export function adminSessionRoutes(deps: AppDeps) {
  return new Hono().post('/checkout-sessions', async (c) => {
    const body = await adminBody(c);
    const { mode, ui, customer, email, item, currency } = body;
    if (mode !== 'setup' && mode !== 'payment') throw invalidRequest('parameter_invalid', 'mode must be setup or payment.', 'mode');
    if (ui !== 'hosted' && ui !== 'embedded') throw invalidRequest('parameter_invalid', 'ui must be hosted or embedded.', 'ui');
    if (email !== undefined && (typeof email !== 'string' || !email.includes('@'))) throw invalidRequest('parameter_invalid', 'email is not an email address.', 'email');
    if (currency !== undefined && (typeof currency !== 'string' || !/^[a-z]{3}$/i.test(currency))) throw invalidRequest('parameter_invalid', 'currency must be a three-letter ISO code.', 'currency');
    const customerId = customer === undefined ? undefined : (await customerOr404(deps.stripe, customer)).id;
    const quote = mode === 'payment' ? await deps.pricing.quote({ item: typeof item === 'string' ? item : undefined, mode: 'payment' }) : undefined;
    const publicUrl = publicUrlOf(c, deps.config);
    const { order, session } = await createSessionOrder(deps, {
      mode,
      ui,
      attemptId: await actionKey(c, 'session', mode, body),
      quote,
      currency: typeof currency === 'string' ? currency.toLowerCase() : undefined,
      customer: customerId,
      email: typeof email === 'string' ? email : undefined,
      returnUrl: (order) => `${publicUrl}/pay/${order.id}`,
    });
    const created: CheckoutSessionCreated = {
      orderId: order.id,
      sessionId: session.id,
      url: session.url ?? null,
      clientSecret: session.client_secret ?? null,
      pageUrl: ui === 'embedded' ? `${publicUrl}/pay/${order.id}` : null,
    };
    return c.json(created);
  });
}
