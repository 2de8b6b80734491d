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
});
