// The sandbox's offline rule for payment method domains (sandbox/api/NOTES.md § Payment method domains).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness, rejects } from './helpers.ts';

test('a valid public domain is registered (lower-cased); Link, Google Pay, PayPal active; Apple Pay inactive, saying why', async () => {
  const { stripe } = harness();
  const domain = await stripe.paymentMethodDomains.create({ domain_name: 'Shop.Example.COM' });
  assert.equal(domain.domain_name, 'shop.example.com');
  assert.deepEqual([domain.link.status, domain.google_pay.status, domain.paypal.status], ['active', 'active', 'active']);
  assert.equal(domain.apple_pay.status, 'inactive');
  assert.match(domain.apple_pay.status_details?.error_message ?? '', /domain-association/);
  assert.equal((await stripe.paymentMethodDomains.validate(domain.id)).apple_pay.status, 'inactive');
  assert.equal((await stripe.paymentMethodDomains.list({ domain_name: 'SHOP.example.com' })).data.length, 1);
});

test('localhost, IP addresses, URLs, bare names and a second registration are refused with param domain_name', async () => {
  const { stripe } = harness();
  for (const name of ['localhost', 'shop.localhost', '127.0.0.1', 'https://shop.example.com', 'shop.example.com:8443', 'intranet', 'bad_label.example.com', 'shop.example.123']) {
    const err = await rejects(() => stripe.paymentMethodDomains.create({ domain_name: name }));
    assert.equal(err.statusCode, 400, name);
    assert.equal(err.param, 'domain_name', name);
  }
  await stripe.paymentMethodDomains.create({ domain_name: 'shop.example.com' });
  const twice = await rejects(() => stripe.paymentMethodDomains.create({ domain_name: 'shop.example.com' }));
  assert.equal(twice.param, 'domain_name');
  assert.equal((await stripe.paymentMethodDomains.list()).data.length, 1);
  const missing = await rejects(() => stripe.paymentMethodDomains.retrieve('pmd_nope'));
  assert.equal(missing.statusCode, 404);
});
