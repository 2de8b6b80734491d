import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { createPriceRules, parseCatalog } from '../../server/pricing/index.ts';
import { CARDS, checkout, newSandbox } from './helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newSandbox(); });
after(() => sandbox.close());

describe('GET /api/config and /api/quote', () => {
  test('config gives the publishable key and the sandbox stand-in, never a secret', async () => {
    const response = await sandbox.app.request('http://shop.example:8787/api/config');
    const text = await response.text();
    const config = JSON.parse(text);
    assert.match(config.publishableKey, /^pk_test_/);
    assert.equal(config.sandbox, true);
    assert.equal(config.sandboxStripeJsUrl, 'http://shop.example:8787/sandbox/stripe.js');
    assert.doesNotMatch(text, /sk_(test|live)_|whsec_/);
  });

  test('the API answers other origins (CMS pages), without credentials', async () => {
    const response = await sandbox.app.request('/api/quote?item=tshirt', { headers: { Origin: 'https://blog.example' } });
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  test('a payment finds its order (for the page a redirect returns to), and an unknown one is a 404', async () => {
    const paid = await (await checkout(sandbox, CARDS.success)).json();
    const lookup = await (await sandbox.app.request(`/api/payments/${paid.paymentIntentId}`)).json();
    assert.deepEqual([lookup.orderId, lookup.item], [paid.orderId, 'tshirt']);
    const missing = await sandbox.app.request('/api/payments/pi_unknown');
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, 'payment_not_found');
  });

  test('a quote comes from the catalog', async () => {
    const quote = await (await sandbox.app.request('/api/quote?item=tea')).json();
    assert.deepEqual(quote, {
      rule: 'catalog', item: 'tea', name: 'Matcha tea', amount: 1800, currency: 'jpy', mode: 'payment',
      elements: { mode: 'payment', amount: 1800, currency: 'jpy', excludedPaymentMethodTypes: ['blik', 'acss_debit'] },
    });
  });
});

describe('parseCatalog', () => {
  test('refuses amounts that are not positive integers in minor units', () => {
    assert.throws(() => parseCatalog({ a: { name: 'A', amount: 12.5, currency: 'usd' } }), /positive integer/);
    assert.throws(() => parseCatalog({ a: { name: 'A', amount: 0, currency: 'usd' } }), /positive integer/);
    assert.throws(() => parseCatalog({ a: { name: 'A', amount: 100, currency: 'USD' } }), /currency/);
    assert.throws(() => parseCatalog({ 'a b': { name: 'A', amount: 100, currency: 'usd' } }), /item id/);
  });
  test('inherited keys are not items', async () => {
    const rules = createPriceRules({ catalog: parseCatalog({ a: { name: 'A', amount: 100, currency: 'usd' } }) });
    await assert.rejects(rules.quote({ item: 'constructor' }), /no item/);
    await assert.rejects(rules.quote({ item: '__proto__' }), /no item/);
    assert.equal((await rules.quote({ item: 'a' })).amount, 100);
  });
});
