/**
 * Payment method domains (`pmd_…`, https://docs.stripe.com/api/payment_method_domains): the web
 * domains allowed to show Link, Apple Pay, Google Pay, PayPal, … in Elements or embedded
 * Checkout (https://docs.stripe.com/payments/payment-methods/pmd-registration, which tells
 * developers to use an HTTPS tunnel for local testing rather than localhost).
 *
 * Offline there is no DNS or HTTPS to check, so the sandbox's rule is: a syntactically valid
 * public host name (labels of letters, digits and hyphens, at least one dot, an alphabetic top
 * level) is registered, and every payment method that needs registration only is `active` on it.
 * Apple Pay also needs the domain association file served from the domain, which the sandbox
 * cannot fetch: it stays `inactive`, saying why, and validate() cannot change that. localhost,
 * `*.localhost`, IP addresses, and anything with a scheme, port or path are refused (400,
 * param domain_name; the wording is the sandbox's).
 */
import type Stripe from 'stripe';
import { invalidParam, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Ctx } from '../state.ts';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const APPLE_PAY_OFFLINE =
  'The sandbox cannot fetch /.well-known/apple-developer-merchantid-domain-association from this domain (it has no network), so Apple Pay stays inactive.';

/** The reason `name` cannot be registered, or null when it can. */
export function domainNameProblem(name: string): string | null {
  if (/[/:?#@\s]/.test(name)) return 'Pass a bare domain name (e.g. shop.example.com), without a scheme, port or path.';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'IP addresses cannot be registered; register a domain name.';
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return 'localhost cannot be registered. To test locally, use an HTTPS tunnel that gives you a public domain name and register that.';
  }
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^[a-z]{2,63}$/.test(labels.at(-1)!)) {
    return `${name} is not a valid domain name.`;
  }
  return null;
}

export function createPaymentMethodDomain(ctx: Ctx, p: { domain_name: string; enabled?: boolean }): Stripe.PaymentMethodDomain {
  const name = p.domain_name.trim().toLowerCase().replace(/\.$/, '');
  const problem = domainNameProblem(name);
  if (problem) throw invalidParam('domain_name', problem);
  // Whether Stripe refuses a second registration of the same name is unverified; refusing keeps
  // integrations honest (list with domain_name first).
  if ([...ctx.state.paymentMethodDomains.values()].some((d) => d.domain_name === name)) {
    throw invalidParam('domain_name', `The domain ${name} is already registered; list payment_method_domains with domain_name to find it.`);
  }
  const active = { status: 'active' as const };
  const domain: Stripe.PaymentMethodDomain = {
    id: newId('pmd'),
    object: 'payment_method_domain',
    amazon_pay: { ...active },
    apple_pay: { status: 'inactive', status_details: { error_message: APPLE_PAY_OFFLINE } },
    created: ctx.now(),
    domain_name: name,
    enabled: p.enabled ?? true,
    google_pay: { ...active },
    klarna: { ...active },
    link: { ...active },
    livemode: false,
    paypal: { ...active },
  };
  ctx.state.paymentMethodDomains.set(domain.id, domain);
  return domain;
}

export function requirePaymentMethodDomain(ctx: Ctx, id: string): Stripe.PaymentMethodDomain {
  const domain = ctx.state.paymentMethodDomains.get(id);
  if (!domain) throw resourceMissing('payment_method_domain', id);
  return domain;
}
