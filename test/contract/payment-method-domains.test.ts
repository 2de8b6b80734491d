/**
 * Payment method domains, which the merchant's admin side registers so Link shows in Elements on
 * the shop's pages (docs.stripe.com/payments/payment-methods/pmd-registration: Link, Google Pay,
 * PayPal need the domain registered; Apple Pay needs an extra verification). Object shape per
 * stripe@23 PaymentMethodDomains.d.ts.
 */
import assert from 'node:assert/strict';
import { contractCase, createTarget } from './target.ts';

const target = createTarget();
const { stripe } = target;
const SOURCE = 'docs.stripe.com/payments/payment-methods/pmd-registration; docs.stripe.com/api/payment_method_domains; stripe@23 PaymentMethodDomains.d.ts';
const domainName = `shop-${target.runId.replace(/_/g, '-')}.example.com`;

contractCase(
  'registering a domain: create (enabled by default, Link active), retrieve, list by domain_name',
  SOURCE,
  async () => {
    const domain = await stripe.paymentMethodDomains.create({ domain_name: domainName });
    assert.match(domain.id, /^pmd_/);
    assert.equal(domain.object, 'payment_method_domain');
    assert.equal(domain.domain_name, domainName);
    assert.equal(domain.enabled, true);
    assert.equal(domain.livemode, false);
    // Link needs the registration only, so it is active at once.
    assert.equal(domain.link.status, 'active');
    for (const method of [domain.apple_pay, domain.google_pay, domain.paypal]) assert.ok(['active', 'inactive'].includes(method.status));
    assert.equal((await stripe.paymentMethodDomains.retrieve(domain.id)).domain_name, domainName);
    const listed = await stripe.paymentMethodDomains.list({ domain_name: domainName });
    assert.deepEqual(listed.data.map((d) => d.id), [domain.id]);
  },
);

contractCase(
  'a domain can be disabled and enabled again (update enabled), and validate() returns the domain',
  SOURCE,
  async () => {
    const name = `pay-${target.runId.replace(/_/g, '-')}.example.com`;
    const domain = await stripe.paymentMethodDomains.create({ domain_name: name, enabled: false });
    assert.equal(domain.enabled, false);
    assert.equal((await stripe.paymentMethodDomains.update(domain.id, { enabled: true })).enabled, true);
    const validated = await stripe.paymentMethodDomains.validate(domain.id);
    assert.equal(validated.id, domain.id);
    assert.equal(validated.link.status, 'active');
    const enabledOnly = await stripe.paymentMethodDomains.list({ domain_name: name, enabled: true });
    assert.equal(enabledOnly.data.length, 1);
  },
);
