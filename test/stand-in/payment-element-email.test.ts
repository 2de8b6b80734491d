// The Payment Element collects the email itself when no Link Authentication Element does (seed 000,
// "Collect an email address directly in the Payment Element"), unless the page says it passes it
// (fields.billingDetails.email: 'never').
import { expect, fixture, html } from '@open-wc/testing';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { byLabel, fillCard, integrationError, labels, newStripe, rejection, stubFetch, type } from './helpers.ts';

describe('Payment Element email', () => {
  let stripe: Stripe;
  let elements: StripeElements;
  let node: HTMLDivElement;
  let fetchStub: ReturnType<typeof stubFetch>;
  const tokenBody = () => Object.fromEntries(fetchStub.calls.filter((c) => c.url.endsWith('/v1/confirmation_tokens')).at(-1)!.body);

  beforeEach(async () => {
    fetchStub = stubFetch(() => ({ json: { id: 'ctoken_email', registered: false } }));
    stripe = newStripe();
    elements = stripe.elements({ mode: 'payment', amount: 1000, currency: 'usd' });
    node = await fixture<HTMLDivElement>(html`<div><div id="la"></div><div id="pe"></div></div>`);
  });
  afterEach(() => fetchStub.restore());
  const pe = () => node.querySelector<HTMLElement>('#pe')!;

  it('shows a labelled Email field, prefilled from defaultValues.billingDetails.email, that reaches billing_details', async () => {
    elements.create('payment', { defaultValues: { billingDetails: { email: 'prefilled@example.com' } } }).mount(pe());
    const email = byLabel(pe(), 'Email');
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('email');
    expect(email.getAttribute('aria-required')).to.equal('true');
    expect(email.value).to.equal('prefilled@example.com');
    fillCard(pe(), '4242 4242 4242 4242', { email: 'typed@example.com' });
    expect((await elements.submit()).error).to.equal(undefined);
    await stripe.createConfirmationToken({ elements });
    expect(tokenBody()['payment_method_data[billing_details][email]']).to.equal('typed@example.com');
  });

  it('is required and validated on submit', async () => {
    elements.create('payment').mount(pe());
    fillCard(pe(), '4242 4242 4242 4242', { email: '' });
    const empty = await elements.submit();
    expect(empty.error).to.deep.include({ type: 'validation_error', code: 'incomplete_email', param: 'email' });
    const email = byLabel(pe(), 'Email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.equal(empty.error!.message);
    type(email, 'jenny@');
    expect((await elements.submit()).error?.code).to.equal('email_invalid');
    type(email, 'jenny@example.com');
    expect((await elements.submit()).error).to.equal(undefined);
  });

  it("is absent with fields.billingDetails.email: 'never'; the caller's params email reaches the token, and leaving it out is an IntegrationError", async () => {
    elements.create('payment', { fields: { billingDetails: { email: 'never' } } }).mount(pe());
    expect(labels(pe())).to.not.include('Email');
    fillCard(pe());
    expect((await elements.submit()).error).to.equal(undefined);
    expect((await rejection(stripe.createConfirmationToken({ elements }))).name).to.equal('IntegrationError');
    await stripe.createConfirmationToken({ elements, params: { payment_method_data: { billing_details: { email: 'site@example.com' } } } });
    expect(tokenBody()['payment_method_data[billing_details][email]']).to.equal('site@example.com');
  });

  it('is absent while a Link Authentication Element is in the group, whichever is created first', async () => {
    const payment = elements.create('payment');
    payment.mount(pe());
    expect(labels(pe())).to.include('Email');
    type(byLabel(pe(), 'Card number'), '4242');
    const link = elements.create('linkAuthentication', { defaultValues: { email: 'link@example.com' } });
    link.mount(node.querySelector<HTMLElement>('#la')!);
    expect(labels(pe())).to.not.include('Email');
    expect(byLabel(pe(), 'Card number').value).to.equal('4242', 'typed values survive');
    expect(labels(node).filter((l) => l === 'Email')).to.have.length(1);
    link.destroy();
    expect(labels(pe())).to.include('Email');
    integrationError(() => link.mount(node.querySelector<HTMLElement>('#la')!));
  });

  it('update({defaultValues}) replaces an untouched prefilled email and keeps a typed one', async () => {
    const payment = elements.create('payment', { defaultValues: { billingDetails: { email: 'old@example.com' } } });
    payment.mount(pe());
    payment.update({ defaultValues: { billingDetails: { email: 'new@example.com' } } });
    expect(byLabel(pe(), 'Email').value).to.equal('new@example.com');
    type(byLabel(pe(), 'Email'), 'typed@example.com');
    payment.update({ defaultValues: { billingDetails: { email: 'newer@example.com' } } });
    expect(byLabel(pe(), 'Email').value).to.equal('typed@example.com');
  });
});
