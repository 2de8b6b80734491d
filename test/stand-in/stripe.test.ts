import { expect, fixture, html } from '@open-wc/testing';
// The /pure entry: the main one injects js.stripe.com on import when window.Stripe is not yet set.
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { installStripeStandIn } from '../../sandbox/stripe-js/index.ts';
import { byLabel, fillCard, newStripe, PK, rejection, stubFetch, type } from './helpers.ts';

describe('window.Stripe', () => {
  it('is installed with the endive release train, and loadStripe resolves to the stand-in', async () => {
    installStripeStandIn({ apiBase: '/sandbox/stripe' });
    expect(window.Stripe).to.be.a('function');
    expect((window.Stripe as unknown as { version: string }).version).to.equal('endive');
    const stripe = await loadStripe(PK);
    expect(stripe).to.not.equal(null);
    expect(() => stripe!.elements({ mode: 'payment', amount: 100, currency: 'usd' })).to.not.throw();
    expect(document.querySelector('script[src*="js.stripe.com"]')).to.equal(null);
  });

  it('refuses secret and live keys, and an empty key', () => {
    const Stripe = installStripeStandIn({ apiBase: '/x' });
    for (const key of ['sk_test_123', 'rk_test_1', 'pk_live_123', '']) {
      expect(() => Stripe(key)).to.throw().with.property('name', 'IntegrationError');
    }
  });

  it('throws "not modeled by the sandbox" for methods it does not emulate', () => {
    const stripe = newStripe();
    expect(() => stripe.confirmCardPayment('pi_1_secret_2')).to.throw('not modeled by the sandbox: stripe.confirmCardPayment()');
    expect(() => stripe.createPaymentMethod({} as never)).to.throw('not modeled by the sandbox');
    expect(() => stripe.elements({ clientSecret: 'pi_1_secret_2' })).to.throw('not modeled by the sandbox');
  });
});

describe('elements.submit() and createConfirmationToken()', () => {
  let stripe: Stripe;
  let elements: StripeElements;
  let root: HTMLElement;
  let fetchStub: ReturnType<typeof stubFetch>;

  beforeEach(async () => {
    fetchStub = stubFetch(() => ({ json: { id: 'ctoken_123', object: 'confirmation_token' } }));
    stripe = newStripe('/sandbox/stripe');
    elements = stripe.elements({ mode: 'payment', amount: 1999, currency: 'usd', setupFutureUsage: 'off_session' });
    root = await fixture(html`<div><div id="la"></div><div id="ship"></div><div id="pay"></div></div>`);
    elements.create('linkAuthentication', { defaultValues: { email: 'jenny@example.com' } }).mount('#la');
    elements
      .create('address', { mode: 'shipping', defaultValues: { name: 'Jenny Rosen', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' } } })
      .mount('#ship');
    elements.create('payment', { defaultValues: { billingDetails: { name: 'J. Rosen', phone: '+15555550100' } } }).mount('#pay');
  });
  afterEach(() => fetchStub.restore());
  // The Link Authentication Element looks its email up (/_sandbox/link/lookup) on mount; these
  // tests are about the ConfirmationToken call.
  const apiCalls = () => fetchStub.calls.filter((c) => !c.url.includes('/_sandbox/link/'));

  const pay = () => root.querySelector<HTMLElement>('#pay')!;

  it('rejects with IntegrationError when submit() has not succeeded', async () => {
    fillCard(pay());
    const err = await rejection(stripe.createConfirmationToken({ elements }));
    expect(err.name).to.equal('IntegrationError');
    expect(err.message).to.contain('elements.submit()');
    expect(apiCalls()).to.have.length(0);
  });

  it('submit() reports the first validation error and marks invalid fields inline', async () => {
    fillCard(pay(), '4242 4242 4242 4241', { cvc: '1' });
    const result = await elements.submit();
    expect(result.error).to.deep.include({ type: 'validation_error', code: 'invalid_number' });
    expect(result.error!.message).to.be.a('string').and.not.equal('');
    const number = byLabel(root, 'Card number');
    const cvc = byLabel(root, 'Security code');
    expect(number.getAttribute('aria-invalid')).to.equal('true');
    expect(cvc.getAttribute('aria-invalid')).to.equal('true');
    expect(byLabel(root, 'Expiration date').hasAttribute('aria-invalid')).to.equal(false);
    const message = document.getElementById(number.getAttribute('aria-describedby')!)!;
    expect(message.hidden).to.equal(false);
    expect(message.textContent).to.equal(result.error!.message);
    expect(root.querySelector('#pay')!.classList.contains('StripeElement--invalid')).to.equal(true);
    expect((await rejection(stripe.createConfirmationToken({ elements }))).name).to.equal('IntegrationError');
    type(number, '4242 4242 4242 4242');
    expect(number.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('submit() also validates the email and the address', async () => {
    fillCard(pay());
    type(byLabel(root, 'Email'), 'jenny@');
    expect((await elements.submit()).error?.code).to.equal('email_invalid');
    type(byLabel(root, 'Email'), 'jenny@example.com');
    type(byLabel(root, 'City'), '');
    expect((await elements.submit()).error?.code).to.equal('incomplete_city');
    expect(byLabel(root, 'City').getAttribute('aria-invalid')).to.equal('true');
  });

  it('after a successful submit, POSTs the card, billing details, shipping and return_url', async () => {
    fillCard(pay());
    expect(await elements.submit()).to.deep.equal({ selectedPaymentMethod: 'card' });
    const result = await stripe.createConfirmationToken({ elements, params: { return_url: 'https://shop.example/done' } });
    expect(result.confirmationToken?.id).to.equal('ctoken_123');
    expect(apiCalls()).to.have.length(1);
    const [call] = apiCalls();
    expect(call!.method).to.equal('POST');
    expect(call!.url).to.equal('/sandbox/stripe/v1/confirmation_tokens');
    expect(call!.headers.Authorization).to.equal(`Bearer ${PK}`);
    expect(call!.headers['Content-Type']).to.equal('application/x-www-form-urlencoded');
    expect(Object.fromEntries(call!.body)).to.deep.equal({
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': '4242424242424242',
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': '2040',
      'payment_method_data[card][cvc]': '123',
      'payment_method_data[billing_details][name]': 'J. Rosen',
      'payment_method_data[billing_details][phone]': '+15555550100',
      'payment_method_data[billing_details][email]': 'jenny@example.com',
      return_url: 'https://shop.example/done',
      'shipping[name]': 'Jenny Rosen',
      'shipping[address][line1]': '1 Main St',
      'shipping[address][city]': 'Springfield',
      'shipping[address][state]': 'IL',
      'shipping[address][postal_code]': '62701',
      'shipping[address][country]': 'US',
      setup_future_usage: 'off_session',
      'client_context[mode]': 'payment',
      'client_context[currency]': 'usd',
      'client_context[setup_future_usage]': 'off_session',
    });
  });

  it('sends each mode\'s Elements options as client_context (capture method, subscription saving)', async () => {
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    const contextOf = async (options: Parameters<Stripe['elements']>[0]) => {
      const group = stripe.elements(options);
      const payment = group.create('payment', { fields: { billingDetails: { email: 'never' } } });
      payment.mount(node);
      fillCard(node);
      await group.submit();
      await stripe.createConfirmationToken({ elements: group, params: { payment_method_data: { billing_details: { email: 'jenny@example.com' } } } });
      payment.destroy();
      const body = Object.fromEntries(fetchStub.calls.at(-1)!.body);
      return Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('client_context') || k === 'setup_future_usage'));
    };
    expect(await contextOf({ mode: 'payment', amount: 500, currency: 'EUR', captureMethod: 'manual' })).to.deep.equal({
      'client_context[mode]': 'payment',
      'client_context[currency]': 'eur',
      'client_context[capture_method]': 'manual',
    });
    expect(await contextOf({ mode: 'subscription', amount: 900, currency: 'usd' })).to.deep.equal({
      setup_future_usage: 'off_session',
      'client_context[mode]': 'subscription',
      'client_context[currency]': 'usd',
      'client_context[setup_future_usage]': 'off_session',
    });
    expect(await contextOf({ mode: 'setup', currency: 'usd', setupFutureUsage: 'off_session' })).to.deep.equal({
      'client_context[mode]': 'setup',
      'client_context[currency]': 'usd',
    });
  });

  it('a change after submit() requires a new submit()', async () => {
    fillCard(pay());
    await elements.submit();
    type(byLabel(root, 'Security code'), '456');
    expect((await rejection(stripe.createConfirmationToken({ elements }))).name).to.equal('IntegrationError');
    await elements.submit();
    expect((await stripe.createConfirmationToken({ elements })).confirmationToken?.id).to.equal('ctoken_123');
  });

  it('resolves {error} with the emulator error body unchanged', async () => {
    fetchStub.restore();
    const error = { type: 'invalid_request_error', code: 'parameter_missing', param: 'payment_method_data[card][number]', message: 'Missing.' };
    fetchStub = stubFetch(() => ({ status: 400, json: { error } }));
    fillCard(pay());
    await elements.submit();
    expect(await stripe.createConfirmationToken({ elements })).to.deep.equal({ error });
  });

  it('elements.update({mode, amount, currency, captureMethod, setupFutureUsage}) changes what the next token says', async () => {
    const group = stripe.elements({ mode: 'setup', currency: 'usd', excludedPaymentMethodTypes: ['blik', 'acss_debit'], locale: 'fr' });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    group.create('payment').mount(node);
    fillCard(node);
    await group.submit();
    await group.update({ mode: 'payment', amount: 1500, currency: 'eur', captureMethod: 'manual', setupFutureUsage: 'off_session' });
    expect((await rejection(stripe.createConfirmationToken({ elements: group }))).name).to.equal('IntegrationError', 'an update needs a new submit()');
    await group.submit();
    await stripe.createConfirmationToken({ elements: group });
    expect(Object.fromEntries(fetchStub.calls.at(-1)!.body)).to.deep.include({
      setup_future_usage: 'off_session',
      'client_context[mode]': 'payment',
      'client_context[currency]': 'eur',
      'client_context[setup_future_usage]': 'off_session',
      'client_context[capture_method]': 'manual',
    });
  });

  it('puts a billing-mode Address Element into billing_details', async () => {
    const group = stripe.elements({ mode: 'setup', currency: 'usd' });
    const node = await fixture<HTMLDivElement>(html`<div><div id="b"></div><div id="p"></div></div>`);
    group
      .create('address', { mode: 'billing', fields: { phone: 'always' }, defaultValues: { name: 'Ann Bill', phone: '+33100000000', address: { line1: '2 Side St', city: 'Paris', postal_code: '75001', country: 'FR' } } })
      .mount(node.querySelector<HTMLElement>('#b')!);
    group.create('payment').mount(node.querySelector<HTMLElement>('#p')!);
    fillCard(node, '4000000000003220', { expiry: '0139', cvc: '999' });
    expect((await group.submit()).error).to.equal(undefined);
    await stripe.createConfirmationToken({ elements: group });
    const body = Object.fromEntries(fetchStub.calls.at(-1)!.body);
    expect(body).to.deep.include({
      'payment_method_data[billing_details][name]': 'Ann Bill',
      'payment_method_data[billing_details][phone]': '+33100000000',
      'payment_method_data[billing_details][address][line1]': '2 Side St',
      'payment_method_data[billing_details][address][country]': 'FR',
      'payment_method_data[card][exp_year]': '2039',
    });
    expect(Object.keys(body).some((k) => k.startsWith('shipping'))).to.equal(false);
  });
});
