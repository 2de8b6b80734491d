// The widget rebuilds an Element when options that update() cannot change do change: destroy(),
// then create the same type with new options and mount it in the same node. And the change
// events it listens to, with the shapes it reads.
import { expect, fixture, html } from '@open-wc/testing';
import type { StripeLinkAuthenticationElementChangeEvent, StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import { byLabel, fillCard, labels, newStripe, stubFetch, type } from './helpers.ts';

describe('Element recreation in the same mount node', () => {
  let fetchStub: ReturnType<typeof stubFetch>;
  beforeEach(() => (fetchStub = stubFetch(() => ({ json: { id: 'ctoken_again', registered: false } }))));
  afterEach(() => fetchStub.restore());

  it('destroy() then create(sameType, newOptions).mount(sameNode) renders the new Element only, and it pays', async () => {
    const stripe = newStripe();
    const elements = stripe.elements({ mode: 'payment', amount: 1000, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div><div id="addr"></div><div id="pay"></div></div>`);
    const addrNode = root.querySelector<HTMLElement>('#addr')!;
    const payNode = root.querySelector<HTMLElement>('#pay')!;

    const shipping = elements.create('address', { mode: 'shipping' });
    shipping.mount(addrNode);
    shipping.destroy();
    expect(addrNode.children).to.have.length(0);
    expect(addrNode.className).to.equal('');
    const billing = elements.create('address', { mode: 'billing', fields: { phone: 'always' }, defaultValues: { name: 'Ann', address: { line1: '1 Rue', city: 'Paris', postal_code: '75001', country: 'FR' } } });
    billing.mount(addrNode);
    expect(addrNode.querySelectorAll('.SandboxElement')).to.have.length(1);
    expect(byLabel(addrNode, 'Full name').autocomplete).to.equal('billing name');
    expect(labels(addrNode)).to.include('Phone');
    expect(elements.getElement('address', { mode: 'shipping' })).to.equal(null);
    expect(elements.getElement('address', { mode: 'billing' })).to.equal(billing);

    const tabs = elements.create('payment', { layout: 'tabs' });
    tabs.mount(payNode);
    type(byLabel(payNode, 'Card number'), '4000');
    tabs.destroy();
    const accordion = elements.create('payment', { layout: 'accordion', defaultValues: { billingDetails: { email: 'again@example.com' } } });
    accordion.mount(payNode);
    expect(payNode.querySelectorAll('.SandboxElement')).to.have.length(1);
    expect(payNode.querySelector('[role="tablist"]')).to.equal(null);
    expect(byLabel(payNode, 'Card number').value).to.equal('', 'a new Element starts empty');
    expect(payNode.classList.contains('StripeElement')).to.equal(true);
    expect(elements.getElement('payment')).to.equal(accordion);

    fillCard(payNode, '4242 4242 4242 4242', { email: 'again@example.com' });
    type(byLabel(addrNode, 'Phone'), '+33100000000');
    expect((await elements.submit()).error).to.equal(undefined);
    expect((await stripe.createConfirmationToken({ elements })).confirmationToken?.id).to.equal('ctoken_again');
    const body = Object.fromEntries(fetchStub.calls.at(-1)!.body);
    expect(body).to.deep.include({ 'payment_method_data[billing_details][name]': 'Ann', 'payment_method_data[billing_details][email]': 'again@example.com' });
  });
});

describe('change events the widget reads', () => {
  it('linkAuthentication: {complete, empty, value: {email}}; payment: {complete, empty, value: {type}}', async () => {
    const fetchStub = stubFetch(() => ({ json: { registered: false } }));
    try {
      const elements = newStripe().elements({ mode: 'payment', amount: 1000, currency: 'usd' });
      const root = await fixture<HTMLDivElement>(html`<div><div id="la"></div><div id="pe"></div></div>`);
      const link = elements.create('linkAuthentication');
      const linkChanges: StripeLinkAuthenticationElementChangeEvent[] = [];
      link.on('change', (e) => linkChanges.push(e));
      link.mount(root.querySelector<HTMLElement>('#la')!);
      type(byLabel(root, 'Email'), 'jenny@');
      expect(linkChanges.at(-1)).to.deep.equal({ elementType: 'linkAuthentication', empty: false, complete: false, value: { email: 'jenny@' } });
      type(byLabel(root, 'Email'), 'jenny@example.com');
      expect(linkChanges.at(-1)).to.deep.include({ empty: false, complete: true, value: { email: 'jenny@example.com' } });
      type(byLabel(root, 'Email'), '');
      expect(linkChanges.at(-1)).to.deep.include({ empty: true, complete: false });

      const payment = elements.create('payment');
      const paymentChanges: StripePaymentElementChangeEvent[] = [];
      payment.on('change', (e) => paymentChanges.push(e));
      const pe = root.querySelector<HTMLElement>('#pe')!;
      payment.mount(pe);
      type(byLabel(pe, 'Card number'), '4242 4242 4242 4242');
      expect(paymentChanges.at(-1)).to.deep.include({ elementType: 'payment', empty: false, complete: false, value: { type: 'card' } });
      fillCard(pe);
      expect(paymentChanges.at(-1)).to.deep.include({ empty: false, complete: true, value: { type: 'card' } });
    } finally {
      fetchStub.restore();
    }
  });
});
