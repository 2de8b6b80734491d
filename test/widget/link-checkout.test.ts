import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import { liveRegion, payButton, readyCheckout } from './harness.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import type { ErrorDetail } from '../../protocol/index.ts';
import { CONFIG, json, quote, type FakeStripe, type FetchStub, withFakes } from './fakes.ts';

let stripe: FakeStripe;
let server: FetchStub;

withFakes((fakeStripe, fakeServer) => {
  stripe = fakeStripe;
  server = fakeServer;
});

describe('<link-checkout> loading', () => {
  it('shows an accessible loading indicator until every Element is ready, then fires link-checkout-ready', async () => {
    stripe.autoReady = false;
    const element = await fixture<LinkCheckout>(html`<link-checkout item="tshirt" server=${location.origin}></link-checkout>`);
    await waitUntil(() => stripe.created.length === 3 && stripe.created.every((created) => created.target), 'Elements mounted');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('loading');
    const loading = element.shadowRoot!.querySelector('[part="loading"]')!;
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.textContent).to.contain('Loading checkout');
    expect(payButton(element).disabled).to.be.true;

    const ready = oneEvent(element, 'link-checkout-ready');
    for (const created of stripe.created) created.emit('ready');
    const event = await ready;
    expect(event.bubbles && event.composed).to.be.true;
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('ready');
    expect(element.shadowRoot!.querySelector('[part="loading"]')).to.equal(null);
    expect(payButton(element).disabled).to.be.false;
  });

  it('creates one deferred-intent Elements group and mounts Link Authentication, Address, Payment in order with prefill', async () => {
    await readyCheckout();
    expect(stripe.log.filter((call) => !call.startsWith('GET'))).to.deep.equal([
      'Stripe(pk_test_fake)',
      'elements',
      'create linkAuthentication',
      'mount linkAuthentication',
      'create address',
      'mount address',
      'create payment',
      'mount payment',
    ]);
    expect(stripe.elementsOptions).to.deep.include({ mode: 'payment', amount: 2500, currency: 'usd', excludedPaymentMethodTypes: ['blik', 'acss_debit'], locale: 'auto' });
    expect(stripe.element('linkAuthentication').options.defaultValues).to.deep.equal({ email: 'jenny@example.com' });
    expect(stripe.element('address').options.mode).to.equal('shipping');
    expect(stripe.element('address').options.defaultValues).to.deep.include({ name: 'Jenny Rosen', phone: '+15555550100' });
    expect(stripe.element('payment').options.defaultValues.billingDetails).to.deep.equal({
      name: 'Jenny Rosen',
      email: 'jenny@example.com',
      phone: '+15555550100',
    });
  });

  it('keeps the mount points in light DOM and slots them into the shadow root', async () => {
    const element = await readyCheckout();
    for (const [name, type] of [['link-authentication', 'linkAuthentication'], ['address', 'address'], ['payment', 'payment']]) {
      const mountPoint = element.querySelector<HTMLElement>(`:scope > [slot="${name}"]`)!;
      expect(mountPoint, name).to.exist;
      expect(mountPoint.getRootNode()).to.equal(document);
      expect(stripe.element(type!).target).to.equal(mountPoint);
      const slot = element.shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!;
      expect(slot.assignedElements()).to.deep.equal([mountPoint]);
    }
  });

  it('shows the quoted price on the Pay button and no Sandbox badge in real mode', async () => {
    const element = await readyCheckout();
    expect(payButton(element).textContent!.trim()).to.equal('Pay $25.00');
    expect(element.shadowRoot!.querySelector('[part="badge"]')).to.equal(null);
    expect(element.shadowRoot!.querySelector('[part="item-name"]')!.textContent).to.equal('T-shirt');
  });

  it('shows a visible Sandbox badge when the server runs on the sandbox', async () => {
    server.routes['GET /api/config'] = () => json({ ...CONFIG, sandbox: true });
    const element = await readyCheckout();
    const badge = element.shadowRoot!.querySelector<HTMLElement>('[part="badge"]')!;
    expect(badge.textContent).to.equal('Sandbox');
    expect(badge.offsetWidth).to.be.greaterThan(0);
  });

  it('asks the server for the quote of its item', async () => {
    await readyCheckout();
    expect(stripe.log).to.include('GET /api/quote');
    // The URL the stub saw, via a second element with another item.
    let askedItem = '';
    server.routes['GET /api/quote'] = ({ url }) => {
      askedItem = url.searchParams.get('item')!;
      return json(quote({ item: 'mug', name: 'Mug', amount: 500, currency: 'jpy' }));
    };
    const mug = await readyCheckout(html`<link-checkout item="mug" server=${location.origin}></link-checkout>`);
    expect(askedItem).to.equal('mug');
    expect(payButton(mug).textContent!.trim()).to.equal('Pay ¥500');
  });

  it('shows a clear message, state "error" and fires link-checkout-error when the quote is refused', async () => {
    server.routes['GET /api/quote'] = () =>
      json({ error: { type: 'invalid_request_error', code: 'unknown_item', message: 'No such item: nope', param: 'item' } }, 400);
    const element = await fixture<LinkCheckout>(html`<link-checkout server=${location.origin}></link-checkout>`);
    const failed = oneEvent(element, 'link-checkout-error');
    element.item = 'nope';
    const event = (await failed) as CustomEvent<ErrorDetail>;
    expect(event.detail).to.deep.equal({ type: 'invalid_request_error', code: 'unknown_item', message: 'No such item: nope' });
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('error');
    expect(liveRegion(element).getAttribute('aria-live')).to.equal('polite');
    expect(liveRegion(element).querySelector('[role="alert"]')!.textContent).to.equal('No such item: nope');
    expect(payButton(element)).to.equal(null);
    expect(stripe.created).to.have.length(0);
  });
});

describe('<link-checkout> inputs', () => {
  it('defaults server to the origin the widget module was loaded from', async () => {
    server.routes['GET /api/quote'] = ({ url }) =>
      url.search ? json(quote()) : json({ error: { type: 'invalid_request_error', code: 'parameter_missing', message: 'Say what to buy.' } }, 400);
    const element = await fixture<LinkCheckout>(html`<link-checkout></link-checkout>`);
    expect(element.server).to.equal(location.origin); // the dev server serves widget/index.ts
    await waitUntil(() => element.getAttribute('state') === 'error', 'no item: nothing to buy');
    expect(liveRegion(element).textContent).to.contain('Say what to buy.');
  });

  it('passes --link-checkout-* custom properties to Stripe as Appearance variables', async () => {
    await readyCheckout(
      html`<link-checkout item="tshirt" server=${location.origin} style="--link-checkout-accent: #0a7; --link-checkout-radius: 2px"></link-checkout>`,
    );
    expect(stripe.elementsOptions.appearance.variables).to.deep.equal({ colorPrimary: '#0a7', borderRadius: '2px' });
  });

  it('a new item of the same mode is a new quote applied with elements.update: nothing is rebuilt', async () => {
    const element = await readyCheckout();
    server.routes['GET /api/quote'] = () => json(quote({ item: 'mug', name: 'Mug', amount: 1200, currency: 'eur' }));
    element.item = 'mug';
    await waitUntil(() => stripe.elementsUpdates.length === 1, 'elements.update');
    await element.updateComplete;
    expect(element.getAttribute('item')).to.equal('mug');
    expect(stripe.elementsUpdates[0]).to.deep.include({ amount: 1200, currency: 'eur', captureMethod: 'automatic', setupFutureUsage: null });
    expect(stripe.created.filter((created) => created.destroyed)).to.have.length(0);
    expect(stripe.log.filter((call) => call === 'elements')).to.have.length(1);
    expect(element.querySelectorAll('[slot]')).to.have.length(3);
    expect(payButton(element).textContent!.trim()).to.equal('Pay €12.00');
  });

  it('a new mode rebuilds the group, since the Elements options of another mode differ', async () => {
    const element = await readyCheckout();
    server.routes['GET /api/quote'] = () => json(quote({ mode: 'setup', amount: 0 }));
    const ready = oneEvent(element, 'link-checkout-ready');
    element.mode = 'setup';
    await ready;
    await element.updateComplete;
    expect(stripe.elementsOptions).to.include({ mode: 'setup', currency: 'usd' });
    expect(stripe.elementsOptions).not.to.have.property('amount');
    expect(stripe.created.filter((created) => created.destroyed)).to.have.length(3);
    expect(payButton(element).textContent!.trim()).to.equal('Save payment details');
  });
});
