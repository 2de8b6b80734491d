import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { AdminPaymentLink } from '../../protocol/admin.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, invalidRequest } from '../errors.ts';
import { adminBody, adminStripeError } from './views.ts';
import { priceFor } from '../prices.ts';

function adminLink(link: Stripe.PaymentLink, line: Stripe.LineItem | undefined): AdminPaymentLink {
  return {
    id: link.id,
    url: link.url,
    active: link.active,
    item: link.metadata?.item ?? null,
    name: line?.description ?? link.metadata?.name ?? null,
    amount: line?.amount_total ?? null,
    currency: line?.currency ?? null,
  };
}

/**
 * Payment Links (seed 004) for catalog items: the item's Product and Price are made once and
 * found again; purchases arrive as `checkout.session.completed` with `payment_link` and become
 * orders like any other. Links are never deleted, only deactivated and reactivated.
 */
export function adminLinkRoutes({ stripe, pricing }: AppDeps) {
  /** The link as the admin shows it, with what it sells (its one line item). */
  const view = async (link: Stripe.PaymentLink) => adminLink(link, (await stripe.paymentLinks.listLineItems(link.id, { limit: 1 })).data[0]);
  const retrieve = async (id: string) => {
    if (!/^plink_\w{1,100}$/.test(id)) throw new ApiError(404, 'invalid_request_error', 'payment_link_not_found', `There is no Payment Link ${id.slice(0, 60)}.`);
    try {
      return await stripe.paymentLinks.retrieve(id);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) throw new ApiError(404, 'invalid_request_error', 'payment_link_not_found', `There is no Payment Link ${id}.`);
      throw adminStripeError(err);
    }
  };
  const setActive = (active: boolean) => async (c: { req: { param(name: 'id'): string }; json(body: unknown): Response }) => {
    const link = await retrieve(c.req.param('id'));
    return c.json(await view(await stripe.paymentLinks.update(link.id, { active })));
  };
  return new Hono()
    .post('/payment-links', async (c) => {
      const body = await adminBody(c);
      const item = (body as { item?: unknown }).item;
      if (typeof item !== 'string') throw invalidRequest('parameter_missing', 'Say which catalog item the link sells (item).', 'item');
      const quote = await pricing.quote({ item });
      const price = await priceFor(stripe, { item, name: quote.name, amount: quote.amount, currency: quote.currency, interval: quote.interval });
      const link = await stripe.paymentLinks.create(
        { line_items: [{ price, quantity: 1 }], metadata: { item, name: quote.name } },
        { idempotencyKey: c.req.header('idempotency-key') ? `link-checkout:admin:link:${c.req.header('idempotency-key')}` : undefined },
      );
      return c.json(await view(link));
    })
    .get('/payment-links', async (c) => {
      const links = await stripe.paymentLinks.list({ limit: 100 });
      return c.json({ data: await Promise.all(links.data.map(view)) });
    })
    .post('/payment-links/:id/deactivate', setActive(false))
    .post('/payment-links/:id/activate', setActive(true));
}
