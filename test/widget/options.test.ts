import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import { payButton, readyCheckout } from './harness.ts';
import { PAID, json, quote, type FakeStripe, type FetchStub, withFakes } from './fakes.ts';

let stripe: FakeStripe;
let server: FetchStub;
withFakes((fakeStripe, fakeServer) => {
  stripe = fakeStripe;
  server = fakeServer;
});

const ASKED: URLSearchParams[] = [];
beforeEach(() => {
  ASKED.length = 0;
  const original = server.routes['GET /api/quote']!;
  server.routes['GET /api/quote'] = (request) => {
    ASKED.push(request.url.searchParams);
    return original(request);
  };
});

describe('<link-checkout> attributes reach Stripe.js', () => {
  it('prefill: the address and contact fields, in the Address and Payment Elements', async () => {
    await readyCheckout(html`<link-checkout item="tshirt" server=${location.origin} customer-email="jenny@example.com" customer-name="Jenny Rosen"
      customer-phone="+14155550123" address-line1="354 Oyster Point Blvd" address-line2="Suite 1" address-city="South San Francisco"
      address-state="CA" address-postal-code="94080" address-country="us"></link-checkout>`);
    expect(stripe.element('address').options.defaultValues).to.deep.equal({
      name: 'Jenny Rosen',
      phone: '+14155550123',
      address: { line1: '354 Oyster Point Blvd', line2: 'Suite 1', city: 'South San Francisco', state: 'CA', postal_code: '94080', country: 'US' },
    });
    expect(stripe.element('linkAuthentication').options.defaultValues.email).to.equal('jenny@example.com');
    expect(stripe.element('payment').options.defaultValues.billingDetails).to.deep.equal({ name: 'Jenny Rosen', email: 'jenny@example.com', phone: '+14155550123' });
  });

  it('address="billing", allowed-countries and collect-phone shape the Address Element', async () => {
    await readyCheckout(html`<link-checkout item="tshirt" server=${location.origin} address="billing" allowed-countries="us, ca" collect-phone></link-checkout>`);
    expect(stripe.element('address').options).to.deep.include({
      mode: 'billing',
      allowedCountries: ['US', 'CA'],
      fields: { phone: 'always' },
      validation: { phone: { required: 'always' } },
    });
  });

  it('address="none" mounts no Address Element; the prefilled address goes to the billing details', async () => {
    await readyCheckout(html`<link-checkout item="tshirt" server=${location.origin} address="none" address-postal-code="94080" address-country="US"></link-checkout>`);
    expect(stripe.created.map((created) => created.type)).to.deep.equal(['linkAuthentication', 'payment']);
    expect(stripe.element('payment').options.defaultValues.billingDetails.address).to.deep.equal({ postal_code: '94080', country: 'US' });
  });

  it('email-collection="payment": no Link Authentication Element; the Payment Element asks for the email', async () => {
    await readyCheckout(html`<link-checkout item="tshirt" server=${location.origin} email-collection="payment" customer-email="a@b.co"></link-checkout>`);
    expect(stripe.created.map((created) => created.type)).to.deep.equal(['address', 'payment']);
    expect(stripe.element('payment').options.fields).to.equal(undefined);
    expect(stripe.element('payment').options.defaultValues.billingDetails.email).to.equal('a@b.co');
  });

  it('email-collection="none": no email field at all; customer-email is put on the ConfirmationToken', async () => {
    const element = await readyCheckout(html`<link-checkout item="tshirt" server=${location.origin} email-collection="none" customer-email="site@example.com"></link-checkout>`);
    expect(stripe.created.map((created) => created.type)).to.deep.equal(['address', 'payment']);
    expect(stripe.element('payment').options.fields).to.deep.equal({ billingDetails: { email: 'never' } });
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(stripe.tokenParams?.payment_method_data).to.deep.equal({ billing_details: { email: 'site@example.com' } });
    expect(server.checkouts[0].email).to.equal('site@example.com');
  });

  it('theme, layout and locale', async () => {
    await readyCheckout(html`<link-checkout item="tshirt" server=${location.origin} theme="night" layout="accordion" locale="fr"></link-checkout>`);
    expect(stripe.elementsOptions.appearance.theme).to.equal('night');
    expect(stripe.elementsOptions.locale).to.equal('fr');
    expect(stripe.element('payment').options.layout).to.equal('accordion');
  });

  it('--link-checkout-* custom properties win over the theme', async () => {
    await readyCheckout(html`<link-checkout item="tshirt" server=${location.origin} theme="flat" style="--link-checkout-accent: #0a7"></link-checkout>`);
    expect(stripe.elementsOptions.appearance).to.deep.equal({ theme: 'flat', variables: { colorPrimary: '#0a7' } });
  });

  it('what is bought goes to the quote as claims, and the Elements options are the quote\'s', async () => {
    server.routes['GET /api/quote'] = ({ url }) => {
      ASKED.push(url.searchParams);
      return json(quote({ rule: 'signed', item: undefined, name: 'Workshop', amount: 2500, currency: 'eur', elements: { mode: 'payment', amount: 2500, currency: 'eur', captureMethod: 'manual', setupFutureUsage: 'off_session', excludedPaymentMethodTypes: ['blik', 'acss_debit'] } }));
    };
    const element = await readyCheckout(html`<link-checkout server=${location.origin} amount="2500" currency="EUR" signature="sig" label="Workshop" capture="manual" save="off_session"></link-checkout>`);
    expect(Object.fromEntries(ASKED[0]!)).to.deep.equal({ amount: '2500', currency: 'eur', signature: 'sig', label: 'Workshop', capture: 'manual', save: 'off_session' });
    expect(stripe.elementsOptions).to.deep.include({ mode: 'payment', amount: 2500, currency: 'eur', captureMethod: 'manual', setupFutureUsage: 'off_session' });
    expect(payButton(element).textContent!.trim()).to.equal('Pay €25.00');
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(server.checkouts[0]).to.deep.include({ amount: 2500, currency: 'eur', signature: 'sig', label: 'Workshop', capture: 'manual', save: 'off_session' });
  });

  it('subscription and setup read as such on the button, and a subscription succeeds as active', async () => {
    server.routes['GET /api/quote'] = () => json(quote({ item: 'pro', name: 'Pro', amount: 900, mode: 'subscription', interval: 'month' }));
    server.routes['POST /api/checkout'] = () => json({ ...PAID, mode: 'subscription', subscriptionId: 'sub_1', customerId: 'cus_1' });
    const element = await readyCheckout(html`<link-checkout item="pro" server=${location.origin}></link-checkout>`);
    expect(payButton(element).textContent!.trim()).to.equal('Subscribe $9.00/month');
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    expect((await success).detail).to.deep.equal({ orderId: 'ord_1', mode: 'subscription', status: 'active', paymentIntentId: 'pi_test_1', subscriptionId: 'sub_1', customerId: 'cus_1' });
  });

  it('manual capture succeeds as authorized', async () => {
    server.routes['POST /api/checkout'] = () => json({ ...PAID, status: 'requires_capture' });
    const element = await readyCheckout(html`<link-checkout item="tshirt" capture="manual" server=${location.origin}></link-checkout>`);
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    expect((await success).detail.status).to.equal('authorized');
  });

  it('a SetupIntent needing 3DS goes through handleNextAction and succeeds as saved', async () => {
    server.routes['GET /api/quote'] = () => json(quote({ rule: 'none', item: undefined, mode: 'setup', amount: 0 }));
    server.routes['POST /api/checkout'] = () => json({ orderId: 'ord_9', mode: 'setup', status: 'requires_action', clientSecret: 'seti_1_secret_x', setupIntentId: 'seti_1', customerId: 'cus_1' });
    stripe.handleNextAction = async () => ({ setupIntent: { id: 'seti_1', status: 'succeeded' } });
    const element = await readyCheckout(html`<link-checkout mode="setup" server=${location.origin}></link-checkout>`);
    expect(payButton(element).textContent!.trim()).to.equal('Save payment details');
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    expect((await success).detail).to.deep.equal({ orderId: 'ord_9', mode: 'setup', status: 'saved', setupIntentId: 'seti_1', customerId: 'cus_1' });
    expect(stripe.log).to.include('handleNextAction seti_1_secret_x');
  });
});

describe('<link-checkout> changes after load', () => {
  it('a new amount goes through elements.update; the group is not rebuilt', async () => {
    server.routes['GET /api/quote'] = ({ url }) => json(quote({ rule: 'signed', item: undefined, amount: Number(url.searchParams.get('amount')), currency: 'eur' }));
    const element = await readyCheckout(html`<link-checkout amount="2500" currency="eur" signature="s" server=${location.origin}></link-checkout>`);
    element.amount = 3000;
    await waitUntil(() => stripe.elementsUpdates.length > 0, 'elements.update');
    expect(stripe.elementsUpdates[0]).to.include({ amount: 3000, currency: 'eur' });
    expect(stripe.log.filter((call) => call === 'elements')).to.have.length(1);
    expect(stripe.created.some((created) => created.destroyed)).to.be.false;
  });

  it('new prefill: the Payment Element is updated, the Address Element re-created keeping what the shopper typed', async () => {
    const element = await readyCheckout();
    const address = stripe.element('address');
    address.value = { name: 'Typed Name', phone: '', address: { line1: '1 Typed St', city: 'Typed City', country: 'US' } };
    element.addressCity = 'Oakland';
    await waitUntil(() => address.destroyed, 'address re-created');
    const recreated = stripe.element('address');
    expect(recreated.options.defaultValues).to.deep.include({ name: 'Typed Name' });
    expect(recreated.options.defaultValues.address).to.include({ line1: '1 Typed St', city: 'Oakland', country: 'US' });
    expect(stripe.element('payment').updates.at(-1)).to.have.property('defaultValues');
    expect(stripe.element('payment').destroyed).to.be.false;
    expect(stripe.element('linkAuthentication').destroyed).to.be.false;
  });

  it('theme and locale changes go through elements.update; layout through the Payment Element', async () => {
    const element = await readyCheckout();
    element.theme = 'night';
    element.locale = 'de';
    element.layout = 'accordion';
    await waitUntil(() => stripe.elementsUpdates.length > 0, 'elements.update');
    expect(stripe.elementsUpdates[0].appearance.theme).to.equal('night');
    expect(stripe.elementsUpdates[0].locale).to.equal('de');
    expect(stripe.element('payment').updates).to.deep.include({ layout: 'accordion' });
  });

  it('an open amount: an amount field in the range the quote gives; each change updates Elements; the choice is sent', async () => {
    server.routes['GET /api/quote'] = () => json(quote({ rule: 'open', item: undefined, name: 'Donation', amount: 500, currency: 'usd', range: { min: 100, max: 100000 } }));
    const element = await readyCheckout(html`<link-checkout amount-editable amount="500" currency="usd" label="Donation" server=${location.origin}></link-checkout>`);
    const input = element.shadowRoot!.querySelector<HTMLInputElement>('[part="amount-input"]')!;
    expect(input.labels![0]!.textContent).to.contain('Amount (USD)');
    expect([input.value, input.min, input.max]).to.deep.equal(['5', '1', '1000']);
    input.value = '12.34';
    input.dispatchEvent(new Event('input'));
    expect(stripe.elementsUpdates.at(-1)).to.deep.equal({ amount: 1234 });
    await element.updateComplete;
    expect(payButton(element).textContent!.trim()).to.equal('Pay $12.34');
    input.value = '0.5';
    input.dispatchEvent(new Event('input'));
    expect(input.validationMessage).to.contain('$1.00');
    expect(stripe.elementsUpdates.at(-1)).to.deep.equal({ amount: 1234 }, 'an out-of-range amount is not applied');
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(server.checkouts[0]).to.deep.include({ amountEditable: true, amount: 1234, currency: 'usd' });
  });
});

describe('<link-checkout> attributes removed after load', () => {
  it('fall back to their defaults: no "null" claims, email collection back to Link', async () => {
    const element = await readyCheckout(html`<link-checkout item="tshirt" label="Gift" currency="usd" email-collection="payment" address-country="US" server=${location.origin}></link-checkout>`);
    expect(stripe.created.map((created) => created.type)).to.deep.equal(['address', 'payment']);
    const ready = oneEvent(element, 'link-checkout-ready');
    for (const name of ['label', 'currency', 'address-country', 'email-collection']) element.removeAttribute(name);
    await ready;
    expect(Object.fromEntries(ASKED.at(-1)!)).to.deep.equal({ item: 'tshirt' });
    expect(stripe.created.filter((created) => !created.destroyed).map((created) => created.type)).to.deep.equal(['linkAuthentication', 'address', 'payment']);
    expect(element.getAttribute('state')).to.equal('ready');
  });

  it('a refused quote after load names no old item', async () => {
    const element = await readyCheckout();
    expect(element.shadowRoot!.querySelector('[part="item-name"]')!.textContent).to.equal('T-shirt');
    server.routes['GET /api/quote'] = () => json({ error: { type: 'invalid_request_error', code: 'unknown_item', message: 'There is no item "x" for sale here.' } }, 400);
    element.item = 'x';
    await waitUntil(() => element.getAttribute('state') === 'error', 'error state');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="item-name"]')!.textContent).to.equal('');
  });
});

describe('<link-checkout> events', () => {
  it('link-checkout-change, -email and -address carry what the Elements report', async () => {
    const element = await readyCheckout();
    const email = oneEvent(element, 'link-checkout-email');
    stripe.element('linkAuthentication').emit('change', { complete: true, empty: false, value: { email: 'new@example.com' } });
    expect((await email).detail).to.deep.equal({ email: 'new@example.com' });
    const address = oneEvent(element, 'link-checkout-address');
    const value = { name: 'J', address: { country: 'US' } };
    stripe.element('address').emit('change', { complete: true, empty: false, value });
    expect((await address).detail).to.deep.equal({ complete: true, value });
    const change = oneEvent(element, 'link-checkout-change');
    stripe.element('payment').emit('change', { complete: true, empty: false, value: { type: 'card' } });
    expect((await change).detail).to.deep.equal({ complete: true, empty: false, mode: 'payment', amount: 2500, currency: 'usd' });
  });

  it('link-checkout-submit can be canceled: nothing is submitted or sent', async () => {
    const element = await readyCheckout();
    element.addEventListener('link-checkout-submit', (event) => event.preventDefault(), { once: true });
    stripe.log.length = 0;
    const submitted = oneEvent(element, 'link-checkout-submit');
    payButton(element).click();
    const event = await submitted;
    expect(event.cancelable).to.be.true;
    expect(event.detail).to.deep.equal({ mode: 'payment', amount: 2500, currency: 'usd' });
    await element.updateComplete;
    expect(stripe.log).to.deep.equal([]);
    expect(element.getAttribute('state')).to.equal('ready');
    // Not canceled this time: the attempt goes through.
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
  });
});
