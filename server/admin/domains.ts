import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { AdminDomain } from '../../protocol/admin.ts';
import type { AppDeps } from '../deps.ts';
import { invalidRequest } from '../errors.ts';
import { adminBody, adminStripeError } from './views.ts';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const adminDomain = (domain: Stripe.PaymentMethodDomain): AdminDomain => ({
  id: domain.id,
  domain: domain.domain_name,
  enabled: domain.enabled,
  link: { status: domain.link.status, reason: domain.link.status_details?.error_message ?? null },
});

/**
 * Payment method domains: Stripe shows Link only on domains registered with it, so a CMS site on
 * its own domain must be added here (docs.stripe.com/payments/payment-methods/pmd-registration).
 */
export function adminDomainRoutes({ stripe }: AppDeps) {
  return new Hono()
    .post('/domains', async (c) => {
      const body = await adminBody(c);
      const domain = String((body as { domain?: unknown }).domain ?? '').trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
      if (!DOMAIN.test(domain)) throw invalidRequest('parameter_invalid', 'domain must be a domain name such as shop.example.com (no scheme, path or port).', 'domain');
      try {
        const existing = await stripe.paymentMethodDomains.list({ domain_name: domain, limit: 1 });
        const registered = existing.data[0] ?? (await stripe.paymentMethodDomains.create({ domain_name: domain }, { idempotencyKey: `link-checkout:admin:domain:${domain}` }));
        return c.json(adminDomain(registered));
      } catch (err) {
        throw adminStripeError(err);
      }
    })
    .get('/domains', async (c) => {
      const domains = await stripe.paymentMethodDomains.list({ limit: 100 }).catch((err: unknown) => {
        throw adminStripeError(err);
      });
      return c.json({ data: domains.data.map(adminDomain) });
    });
}
