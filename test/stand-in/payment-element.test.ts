// Payment Element: layout tabs/accordion (string and object form), defaultCollapsed, change
// events (complete, value.type), defaultValues.billingDetails, and saved cards from a
// CustomerSession (stubbed route; the emulator-backed run is in saved-methods-emulator.test.ts).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { StripeElements, StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import { byLabel, fillCard, choose, labels, newStripe, radio, stubFetch, type, type Call } from './helpers.ts';

const payment = { mode: 'payment', amount: 1999, currency: 'usd' } as const;
const header = (root: ParentNode) => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Card')!;

describe('Payment Element layout', () => {
  let elements: StripeElements;
  let node: HTMLElement;
  beforeEach(async () => {
    elements = newStripe().elements(payment);
    node = await fixture(html`<div></div>`);
  });

  it("'tabs' renders a tab list with a selected Card tab controlling the card panel", () => {
    elements.create('payment', { layout: 'tabs' }).mount(node);
    const tablist = node.querySelector('[role="tablist"]')!;
    expect(tablist.getAttribute('aria-label')).to.equal('Payment method');
    const tab = header(node);
    expect(tab.getAttribute('role')).to.equal('tab');
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    const panel = document.getElementById(tab.getAttribute('aria-controls')!)!;
    expect(panel.getAttribute('role')).to.equal('tabpanel');
    expect(panel.contains(byLabel(node, 'Card number'))).to.equal(true);
    expect(node.querySelector('[aria-expanded]')).to.equal(null);
  });

  it("'accordion' (and the default) renders an expanded Card accordion item", async () => {
    elements.create('payment', { layout: 'accordion' }).mount(node);
    const item = header(node);
    expect(item.getAttribute('aria-expanded')).to.equal('true');
    expect(item.hasAttribute('role')).to.equal(false);
    expect(document.getElementById(item.getAttribute('aria-controls')!)!.contains(byLabel(node, 'Card number'))).to.equal(true);
    expect(node.querySelector('[role="tablist"]')).to.equal(null);
    const other = await fixture<HTMLDivElement>(html`<div></div>`);
    newStripe().elements(payment).create('payment').mount(other);
    expect(header(other).getAttribute('aria-expanded')).to.equal('true');
  });

  it('the object form with defaultCollapsed starts collapsed, reports collapsed, and opens on click', async () => {
    const pe = elements.create('payment', { layout: { type: 'accordion', defaultCollapsed: true } });
    const changes: StripePaymentElementChangeEvent[] = [];
    pe.on('change', (e) => changes.push(e));
    pe.mount(node);
    const item = header(node);
    expect(item.getAttribute('aria-expanded')).to.equal('false');
    expect(document.getElementById(item.getAttribute('aria-controls')!)!.hidden).to.equal(true);
    item.click();
    expect(header(node).getAttribute('aria-expanded')).to.equal('true');
    expect(changes.at(-1)).to.deep.include({ collapsed: false, complete: false });
    fillCard(node);
    expect(changes.at(-1)).to.deep.include({ collapsed: false, complete: true });
    pe.collapse();
    expect(header(node).getAttribute('aria-expanded')).to.equal('false');
    expect(changes.at(-1)).to.deep.include({ collapsed: true, complete: false });
  });

  it('tabs with defaultCollapsed: no tab selected until the customer picks Card', () => {
    elements.create('payment', { layout: { type: 'tabs', defaultCollapsed: true } }).mount(node);
    expect(header(node).getAttribute('aria-selected')).to.equal('false');
    header(node).click();
    expect(header(node).getAttribute('aria-selected')).to.equal('true');
  });

  it('change events carry complete and value.type "card"', () => {
    const pe = elements.create('payment', { layout: 'tabs' });
    const changes: StripePaymentElementChangeEvent[] = [];
    pe.on('change', (e) => changes.push(e));
    pe.mount(node);
    fillCard(node);
    // Email (the group has no Link Authentication Element), card number, expiry, then CVC completes it.
    expect(changes.map((c) => [c.complete, c.value.type])).to.deep.equal([[false, 'card'], [false, 'card'], [false, 'card'], [true, 'card']]);
  });

  it('layout survives update(): a layout update re-renders, keeping typed values', () => {
    const pe = elements.create('payment', { layout: 'tabs' });
    pe.mount(node);
    type(byLabel(node, 'Card number'), '4242');
    pe.update({ layout: 'accordion' });
    expect(node.querySelector('[role="tablist"]')).to.equal(null);
    expect(header(node).getAttribute('aria-expanded')).to.equal('true');
    expect(byLabel(node, 'Card number').value).to.equal('4242');
  });
});

describe('Payment Element defaultValues.billingDetails', () => {
  it('goes into the ConfirmationToken, and update({defaultValues}) replaces it', async () => {
    const stub = stubFetch(() => ({ json: { id: 'ctoken_pe' } }));
    try {
      const stripe = newStripe('/sandbox/stripe');
      const elements = stripe.elements(payment);
      const node = await fixture<HTMLDivElement>(html`<div></div>`);
      const pe = elements.create('payment', { defaultValues: { billingDetails: { name: 'Jenny Rosen', address: { postal_code: '10001', country: 'US' } } } });
      pe.mount(node);
      fillCard(node);
      await elements.submit();
      await stripe.createConfirmationToken({ elements });
      expect(Object.fromEntries(stub.calls.at(-1)!.body)).to.deep.include({
        'payment_method_data[billing_details][name]': 'Jenny Rosen',
        'payment_method_data[billing_details][address][postal_code]': '10001',
        'payment_method_data[billing_details][address][country]': 'US',
      });
      pe.update({ defaultValues: { billingDetails: { name: 'Ann Other' } } });
      await elements.submit();
      await stripe.createConfirmationToken({ elements });
      const body = Object.fromEntries(stub.calls.at(-1)!.body);
      expect(body['payment_method_data[billing_details][name]']).to.equal('Ann Other');
      expect(body['payment_method_data[billing_details][address][postal_code]']).to.equal(undefined);
    } finally {
      stub.restore();
    }
  });
});

describe('Payment Element saved cards (customerSessionClientSecret)', () => {
  const pm = (id: string, brand: string, last4: string) => ({
    id, object: 'payment_method', type: 'card', card: { brand, last4, exp_month: 4, exp_year: 2031 },
    billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com', phone: null, address: { line1: null, line2: null, city: null, state: null, postal_code: '94080', country: 'US' } },
  });
  let stub: ReturnType<typeof stubFetch>;
  beforeEach(() => {
    stub = stubFetch((call: Call) => {
      if (call.url.includes('/_sandbox/customer_sessions/payment_methods')) {
        const secret = new URL(call.url, location.href).searchParams.get('customer_session_client_secret');
        if (secret === 'cuss_secret_bad') return { status: 400, json: { error: { type: 'invalid_request_error', message: 'expired' } } };
        const data = secret === 'cuss_secret_two' ? [pm('pm_mc', 'mastercard', '4444')] : [pm('pm_visa', 'visa', '4242'), pm('pm_amex', 'amex', '0005')];
        return { json: { object: 'list', data } };
      }
      return { json: { id: 'ctoken_saved' } };
    });
  });
  afterEach(() => stub.restore());

  it('lists the saved cards, selects the first, and tokens carry payment_method', async () => {
    const stripe = newStripe('/sandbox/stripe');
    const elements = stripe.elements({ ...payment, customerSessionClientSecret: 'cuss_secret_one' });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    const pe = elements.create('payment', { layout: 'tabs' });
    const changes: StripePaymentElementChangeEvent[] = [];
    pe.on('change', (e) => changes.push(e));
    pe.mount(node);
    await waitUntil(() => labels(node).includes('Visa •••• 4242'), 'saved cards');
    const call = stub.calls.find((c) => c.url.includes('customer_sessions'))!;
    expect(call.method).to.equal('GET');
    expect(call.url).to.equal('/sandbox/stripe/_sandbox/customer_sessions/payment_methods?customer_session_client_secret=cuss_secret_one');
    expect(node.querySelector('legend')!.textContent).to.equal('Saved payment methods');
    expect(labels(node)).to.include.members(['Visa •••• 4242', 'American Express •••• 0005', 'Use another card']);
    expect(radio(node, 'Visa •••• 4242').checked).to.equal(true);
    expect(changes.at(-1)).to.deep.include({ complete: true });
    expect(changes.at(-1)!.value.payment_method).to.deep.include({ id: 'pm_visa', type: 'card' });
    expect(changes.at(-1)!.value.payment_method!.billing_details.address.postal_code).to.equal('94080');

    choose(radio(node, 'American Express •••• 0005'));
    expect(changes.at(-1)!.value.payment_method!.id).to.equal('pm_amex');
    expect(await elements.submit()).to.deep.equal({ selectedPaymentMethod: 'card' });
    await stripe.createConfirmationToken({ elements });
    expect(Object.fromEntries(stub.calls.at(-1)!.body)).to.deep.equal({ payment_method: 'pm_amex', 'client_context[mode]': 'payment', 'client_context[currency]': 'usd' });
  });

  it('elements.update({customerSessionClientSecret}) loads the other customer\'s cards', async () => {
    const elements = newStripe('/sandbox/stripe').elements({ ...payment, customerSessionClientSecret: 'cuss_secret_one' });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(node);
    await waitUntil(() => labels(node).includes('Visa •••• 4242'), 'first list');
    await elements.update({ customerSessionClientSecret: 'cuss_secret_two' });
    await waitUntil(() => labels(node).includes('Mastercard •••• 4444'), 'second list');
    expect(labels(node)).to.not.include('Visa •••• 4242');
  });

  it('a failing CustomerSession shows no saved cards, only the card form', async () => {
    const elements = newStripe('/sandbox/stripe').elements({ ...payment, customerSessionClientSecret: 'cuss_secret_bad' });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(node);
    await waitUntil(() => stub.calls.length === 1, 'request');
    await new Promise((r) => setTimeout(r, 20));
    expect(node.querySelector('fieldset')).to.equal(null);
    expect(byLabel(node, 'Card number')).to.exist;
  });
});
