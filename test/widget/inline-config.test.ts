// Its own file, so its own page: loadStripe caches the first window.Stripe for the page's life.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import { deferred, installFakeStripe, json, quote, stubFetch } from './fakes.ts';

describe('the config the server appends to the script it serves', () => {
  it('is used instead of GET /api/config, and Stripe.js loads while the quote is still on its way', async () => {
    const stripe = installFakeStripe();
    const slowQuote = deferred<Response>();
    const server = stubFetch(stripe.log, { 'GET /api/quote': () => slowQuote.promise });
    const configs = ((globalThis as { __linkCheckoutConfig?: Record<string, unknown> }).__linkCheckoutConfig ??= {});
    configs[location.origin] = { publishableKey: 'pk_test_inline', sandbox: false };
    try {
      const element = await fixture(html`<link-checkout item="tshirt" server=${location.origin}></link-checkout>`);
      await waitUntil(() => stripe.log.includes('Stripe(pk_test_inline)'), 'Stripe made before the quote answered');
      expect(stripe.log).not.to.include('GET /api/config');
      expect(stripe.log).not.to.include('elements');
      slowQuote.resolve(json(quote()));
      await waitUntil(() => element.getAttribute('state') === 'ready', 'ready');
    } finally {
      delete configs[location.origin];
      server.restore();
    }
  });

  it('carries the catalog quotes: a tag naming only an item asks no quote; any other claim still asks the server', async () => {
    const stripe = installFakeStripe();
    const server = stubFetch(stripe.log);
    const configs = ((globalThis as { __linkCheckoutConfig?: Record<string, unknown> }).__linkCheckoutConfig ??= {});
    configs[location.origin] = { publishableKey: 'pk_test_inline', sandbox: false, quotes: { 'item=tshirt': quote({ amount: 4200 }) } };
    try {
      const plain = await fixture(html`<link-checkout item="tshirt" server=${location.origin}></link-checkout>`);
      await waitUntil(() => plain.getAttribute('state') === 'ready', 'ready');
      expect(stripe.log).not.to.include('GET /api/quote');
      expect(plain.shadowRoot!.textContent).to.include('42.00');
      const setup = await fixture(html`<link-checkout item="tshirt" mode="setup" server=${location.origin}></link-checkout>`);
      await waitUntil(() => setup.getAttribute('state') === 'ready', 'ready');
      expect(stripe.log).to.include('GET /api/quote');
    } finally {
      delete configs[location.origin];
      server.restore();
    }
  });
  it('starts Stripe.js as the element connects, and drops that start when the server changes before the first load', async () => {
    const stripe = installFakeStripe();
    const server = stubFetch(stripe.log, { 'GET /api/config': () => json({ publishableKey: 'pk_test_fetched', sandbox: false }) });
    const configs = ((globalThis as { __linkCheckoutConfig?: Record<string, unknown> }).__linkCheckoutConfig ??= {});
    configs[location.origin] = { publishableKey: 'pk_test_inline', sandbox: false };
    const element = document.createElement('link-checkout');
    try {
      element.setAttribute('item', 'tshirt');
      element.server = location.origin;
      document.body.append(element);
      // A framework sets properties right after connecting: the refresh must use this server's key.
      element.server = 'https://checkout.example';
      await waitUntil(() => element.getAttribute('state') === 'ready', 'ready');
      const made = stripe.log.filter((entry) => entry.startsWith('Stripe('));
      expect(made).to.deep.equal(['Stripe(pk_test_inline)', 'Stripe(pk_test_fetched)'], 'the early start happened, and was not the one used');
      expect(stripe.log.indexOf('GET /api/config')).to.be.below(stripe.log.indexOf('Stripe(pk_test_fetched)'));
      expect(stripe.log.lastIndexOf('Stripe(pk_test_fetched)')).to.be.below(stripe.log.indexOf('elements'));
    } finally {
      element.remove();
      delete configs[location.origin];
      server.restore();
    }
  });
});
