// stripe.initEmbeddedCheckout / createEmbeddedCheckoutPage against a stubbed emulator
// (GET /_sandbox/checkout/:id/embedded, POST …/complete); the emulator-backed run is in
// embedded-checkout-emulator.test.ts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe } from '@stripe/stripe-js';
import { setNavigate } from '../../sandbox/stripe-js/index.ts';
import { byLabel, labels, newStripe, PK, rejection, stubFetch, type, type Call } from './helpers.ts';

const CS = 'cs_test_abc';
const SECRET = `${CS}_secret_xyz`;
const view = (over: object = {}) => ({
  id: CS, object: 'checkout.session', mode: 'payment', status: 'open', currency: 'usd', amount_total: 4500, customer_email: null,
  line_items: [
    { description: 'T-shirt', quantity: 2, amount_total: 4000, currency: 'usd', recurring: null },
    { description: 'Sticker', quantity: 1, amount_total: 500, currency: 'usd', recurring: null },
  ],
  return_url: 'https://shop.example/return?session_id={CHECKOUT_SESSION_ID}',
  ...over,
});

describe('embedded Checkout', () => {
  let stripe: Stripe;
  let stub: ReturnType<typeof stubFetch>;
  let session: object;
  let completeAnswer: { status?: number; json: unknown };
  let navigated: string[];

  beforeEach(() => {
    session = view();
    completeAnswer = { json: { session: { ...view(), status: 'complete' }, redirect_url: `https://shop.example/return?session_id=${CS}` } };
    navigated = [];
    setNavigate((url) => navigated.push(url));
    stub = stubFetch((call: Call) => {
      if (call.url.includes(`/_sandbox/checkout/${CS}/embedded`)) return { json: session };
      if (call.url.endsWith(`/_sandbox/checkout/${CS}/complete`)) return completeAnswer;
      return { status: 404, json: { error: { type: 'invalid_request_error', message: 'no route' } } };
    });
    stripe = newStripe('/sandbox/stripe');
  });
  afterEach(() => {
    stub.restore();
    setNavigate(null);
  });

  const init = (opts: object) => (stripe as unknown as { initEmbeddedCheckout(o: object): ReturnType<Stripe['createEmbeddedCheckoutPage']> }).initEmbeddedCheckout(opts);
  const pay = (root: ParentNode, email = 'jenny@example.com') => {
    if (email) type(byLabel(root, 'Email'), email);
    type(byLabel(root, 'Card number'), '4242 4242 4242 4242');
    type(byLabel(root, 'Expiration date'), '12 / 40');
    type(byLabel(root, 'Security code'), '123');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  };

  it('fetchClientSecret → mount renders the line items, total and labelled card inputs in the light DOM', async () => {
    const checkout = await init({ fetchClientSecret: async () => SECRET });
    const node = await fixture<HTMLDivElement>(html`<div id="checkout"></div>`);
    checkout.mount('#checkout');
    expect(stub.calls[0]!.url).to.equal(`/sandbox/stripe/_sandbox/checkout/${CS}/embedded?client_secret=${SECRET}`);
    expect(stub.calls[0]!.headers.Authorization).to.equal(`Bearer ${PK}`);
    const items = [...node.querySelectorAll('[aria-label="Order summary"] li')].map((li) => li.textContent);
    expect(items).to.deep.equal(['T-shirt × 2: $40.00', 'Sticker × 1: $5.00']);
    expect(node.textContent).to.contain('Total: $45.00');
    expect(labels(node)).to.deep.equal(['Email', 'Card number', 'Expiration date', 'Security code', 'Cardholder name']);
    expect(node.querySelector('button[type="submit"]')!.textContent).to.equal('Pay $45.00');
    expect(node.shadowRoot).to.equal(null);
    checkout.unmount();
    expect(node.childElementCount).to.equal(0);
    checkout.mount(node); // mountable again after unmount
    expect(labels(node)).to.include('Card number');
    checkout.destroy();
  });

  it('completes with the card and client secret, then navigates to the return_url (no onComplete)', async () => {
    const checkout = await stripe.createEmbeddedCheckoutPage({ clientSecret: SECRET });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    checkout.mount(node);
    pay(node);
    await waitUntil(() => navigated.length === 1, 'navigation');
    expect(navigated[0]).to.equal(`https://shop.example/return?session_id=${CS}`);
    const body = Object.fromEntries(stub.calls.at(-1)!.body);
    expect(body).to.deep.equal({
      client_secret: SECRET,
      'card[number]': '4242424242424242', 'card[exp_month]': '12', 'card[exp_year]': '2040', 'card[cvc]': '123',
      'billing_details[email]': 'jenny@example.com',
    });
    checkout.destroy();
  });

  it('calls onComplete instead of navigating when given', async () => {
    let completed = 0;
    const checkout = await init({ fetchClientSecret: async () => SECRET, onComplete: () => completed++ });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    checkout.mount(node);
    pay(node);
    await waitUntil(() => completed === 1, 'onComplete');
    expect(navigated).to.deep.equal([]);
    checkout.destroy();
  });

  it('validates fields inline and shows an emulator decline in the live region', async () => {
    completeAnswer = { status: 402, json: { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } } };
    const checkout = await init({ fetchClientSecret: async () => SECRET });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    checkout.mount(node);
    node.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect(byLabel(node, 'Card number').getAttribute('aria-invalid')).to.equal('true');
    expect(stub.calls.filter((c) => c.url.endsWith('/complete'))).to.have.length(0);
    pay(node);
    const status = node.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    await waitUntil(() => status.textContent === 'Your card was declined.', 'decline message');
    expect(navigated).to.deep.equal([]);
    checkout.destroy();
  });

  it('refuses a second embedded Checkout until the first is destroyed', async () => {
    const first = await init({ fetchClientSecret: async () => SECRET });
    const err = await rejection(init({ fetchClientSecret: async () => SECRET }));
    expect(err.name).to.equal('IntegrationError');
    expect(err.message).to.contain('destroy()');
    first.destroy();
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    expect(() => first.mount(node)).to.throw().with.property('name', 'IntegrationError');
    (await init({ clientSecret: SECRET })).destroy();
  });

  it('rejects without exactly one of fetchClientSecret / clientSecret, or with a non-Checkout secret', async () => {
    expect((await rejection(init({}))).name).to.equal('IntegrationError');
    expect((await rejection(init({ clientSecret: SECRET, fetchClientSecret: async () => SECRET }))).name).to.equal('IntegrationError');
    expect((await rejection(init({ fetchClientSecret: async () => 'pi_1_secret_2' }))).message).to.contain('Checkout Session');
    (await init({ clientSecret: SECRET })).destroy(); // failures did not hold the slot
  });

  it('setup mode: no line items, a Save card button; a known customer email is not asked again', async () => {
    session = view({ mode: 'setup', amount_total: null, line_items: [], customer_email: 'jenny@example.com' });
    const checkout = await init({ fetchClientSecret: async () => SECRET });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    checkout.mount(node);
    expect(node.querySelector('[aria-label="Order summary"]')).to.equal(null);
    expect(labels(node)).to.not.include('Email');
    expect(node.querySelector('button[type="submit"]')!.textContent).to.equal('Save card');
    checkout.destroy();
  });

  it('a completed or expired session renders a notice instead of the form', async () => {
    for (const [status, text] of [['complete', 'already complete'], ['expired', 'expired']] as const) {
      session = view({ status });
      const checkout = await init({ fetchClientSecret: async () => SECRET });
      const node = await fixture<HTMLDivElement>(html`<div></div>`);
      checkout.mount(node);
      expect(node.querySelector('form')).to.equal(null);
      expect(node.querySelector('[role="status"]')!.textContent).to.contain(text);
      checkout.destroy();
    }
  });
});
