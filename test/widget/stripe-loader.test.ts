// Its own file, so its own page: loadStripe caches the first window.Stripe for the page's life.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import type { ErrorDetail } from '../../protocol/index.ts';
import { CONFIG, installFakeStripe, json, stubFetch, type FakeStripe, type FetchStub } from './fakes.ts';

const STAND_IN = '/test/widget/fixtures/stand-in.js';
/** The same dev server under another host name: another origin, as a CMS page would be. */
const OTHER_ORIGIN = location.origin.replace(location.hostname, location.hostname === 'localhost' ? '127.0.0.1' : 'localhost');

let stripe: FakeStripe;
let server: FetchStub;

beforeEach(() => {
  stripe = installFakeStripe();
  delete (window as { Stripe?: unknown }).Stripe; // as on a page without Stripe.js
  server = stubFetch(stripe.log, { 'GET /api/config': () => json({ ...CONFIG, sandbox: true, sandboxStripeJsUrl: STAND_IN }) });
});
afterEach(() => server.restore());

const standInScripts = () => [...document.head.querySelectorAll('script')].filter((script) => script.src.endsWith(STAND_IN));

describe('loading Stripe', () => {
  it('refuses sandbox mode with a live key and never loads the stand-in', async () => {
    server.routes['GET /api/config'] = () =>
      json({ publishableKey: 'pk_live_123', sandbox: true, sandboxStripeJsUrl: STAND_IN });
    const element = await fixture<LinkCheckout>(html`<link-checkout server=${OTHER_ORIGIN}></link-checkout>`);
    const failed = oneEvent(element, 'link-checkout-error');
    element.item = 'tshirt';
    expect(((await failed) as CustomEvent<ErrorDetail>).detail.code).to.equal('sandbox_with_live_key');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('error');
    expect(standInScripts()).to.have.length(0);
    expect(stripe.log.some((call) => call.startsWith('Stripe('))).to.be.false;
  });

  it('injects the sandbox stand-in once, from the server origin, before loadStripe, for two checkouts', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    let readyCount = 0;
    wrapper.addEventListener('link-checkout-ready', () => readyCount++);
    for (let i = 0; i < 2; i++) {
      const element = document.createElement('link-checkout');
      element.setAttribute('item', 'tshirt');
      element.setAttribute('server', OTHER_ORIGIN);
      wrapper.append(element);
    }
    await new Promise<void>((resolve) => wrapper.addEventListener('link-checkout-ready', () => readyCount === 2 && resolve()));
    const scripts = standInScripts();
    expect(scripts).to.have.length(1);
    expect(scripts[0]!.src).to.equal(OTHER_ORIGIN + STAND_IN);
    expect((window as { __standInLoads?: number }).__standInLoads).to.equal(1);
    expect(stripe.log.filter((call) => call === 'Stripe(pk_test_fake)')).to.have.length(2);
    const badge = wrapper.querySelector('link-checkout')!.shadowRoot!.querySelector('[part="badge"]');
    expect(badge?.textContent).to.equal('Sandbox');
  });
});

