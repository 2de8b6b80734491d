import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import '../../widget/index.ts';
import type { ErrorDetail, SuccessDetail } from '../../protocol/index.ts';
import { navigation, returnPolling } from '../../widget/link-checkout-extras.ts';
import { json, quote, type FakeStripe, type FetchStub, withFakes } from './fakes.ts';
import { liveRegion, payButton } from './harness.ts';

let stripe: FakeStripe;
let server: FetchStub;
const page = location.pathname;
const visited: string[] = [];
const realNavigation = navigation.assign;
const realPolling = { ...returnPolling };

withFakes((fakeStripe, fakeServer) => {
  stripe = fakeStripe;
  server = fakeServer;
  visited.length = 0;
  navigation.assign = (url) => void visited.push(url);
  Object.assign(returnPolling, { tries: 3, delayMs: 10 });
  let sessions = 0;
  server.routes['POST /api/checkout-sessions'] = ({ body }) => {
    sessions++;
    return json({ orderId: `ord_${sessions}`, sessionId: `cs_test_${sessions}`, ...(body.ui === 'hosted' ? { url: `https://checkout.stripe.example/c/cs_test_${sessions}` } : { clientSecret: `cs_test_${sessions}_secret_x` }) });
  };
});
afterEach(() => {
  navigation.assign = realNavigation;
  Object.assign(returnPolling, realPolling);
  history.replaceState(null, '', page);
});

const sessionPosts = () => server.posts.filter((post) => post.path === '/api/checkout-sessions').map((post) => post.body);

async function mount(template: TemplateResult, event: 'link-checkout-ready' | 'link-checkout-success' | 'link-checkout-error' = 'link-checkout-ready') {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const fired = oneEvent(wrapper, event);
  render(template, wrapper);
  const detail = ((await fired) as CustomEvent).detail;
  const element = wrapper.querySelector('link-checkout')!;
  await element.updateComplete;
  return { element, detail };
}

describe('<link-checkout ui="hosted">', () => {
  it('is a "… with Stripe" button that makes one session per press and goes to its page; no Elements', async () => {
    const { element } = await mount(html`<link-checkout ui="hosted" item="tshirt" customer-email="jenny@example.com" server=${location.origin}></link-checkout>`);
    expect(payButton(element).textContent!.trim()).to.equal('Pay $25.00 with Stripe');
    expect(stripe.created).to.have.length(0);
    expect(sessionPosts()).to.have.length(0, 'nothing is made before the press');

    const submitted = oneEvent(element, 'link-checkout-submit');
    payButton(element).click();
    await submitted;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [request] = sessionPosts();
    expect(request).to.include({ ui: 'hosted', item: 'tshirt', returnUrl: location.href, email: 'jenny@example.com' });
    expect(request.attemptId).to.match(/^[0-9a-f-]{36}$/);
    expect(visited).to.deep.equal(['https://checkout.stripe.example/c/cs_test_1']);
    expect(element.getAttribute('state')).to.equal('processing');
  });

  it('shows a refused session and lets the shopper press again', async () => {
    server.routes['GET /api/quote'] = () => json(quote({ rule: 'none', item: undefined, name: 'Save a payment method', mode: 'setup', amount: 0 }));
    server.routes['POST /api/checkout-sessions'] = () => json({ error: { type: 'api_error', code: 'payment_provider_unavailable', message: 'The payment provider could not be reached.' } }, 400);
    const { element } = await mount(html`<link-checkout ui="hosted" mode="setup" currency="eur" server=${location.origin}></link-checkout>`);
    expect(payButton(element).textContent!.trim()).to.equal('Save payment details with Stripe');
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    expect(((await failed) as CustomEvent<ErrorDetail>).detail.code).to.equal('payment_provider_unavailable');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('failed');
    expect(payButton(element).disabled).to.be.false;
    expect(visited).to.have.length(0);
  });
});

describe('<link-checkout ui="embedded">', () => {
  it("mounts Stripe's embedded Checkout in light DOM, with no button of ours; a new look makes no new session", async () => {
    const { element } = await mount(html`<link-checkout ui="embedded" mode="setup" currency="usd" server=${location.origin}></link-checkout>`);
    expect(sessionPosts()).to.have.length(1);
    expect(sessionPosts()[0]).to.include({ ui: 'embedded', mode: 'setup', currency: 'usd', returnUrl: location.href });
    expect(stripe.log).to.include.members(['createEmbeddedCheckoutPage cs_test_1_secret_x', 'mount checkout']);
    const [checkout] = stripe.embedded;
    expect(checkout!.target!.slot).to.equal('checkout');
    expect(checkout!.target!.parentElement).to.equal(element);
    expect(element.shadowRoot!.querySelector('slot[name="checkout"]')).to.exist;
    expect(payButton(element)).to.equal(null);
    expect(stripe.created).to.have.length(0);

    element.setAttribute('theme', 'night');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sessionPosts()).to.have.length(1);
    expect(element.getAttribute('state')).to.equal('ready');
  });

  it('another item destroys the first Checkout and mounts a new session', async () => {
    const { element } = await mount(html`<link-checkout ui="embedded" item="tshirt" server=${location.origin}></link-checkout>`);
    const ready = oneEvent(element, 'link-checkout-ready');
    element.item = 'mug';
    await ready;
    expect(sessionPosts().map((body) => body.item)).to.deep.equal(['tshirt', 'mug']);
    expect(stripe.embedded.map((checkout) => checkout.destroyed)).to.deep.equal([true, false]);
  });

  it('with an open amount, the shopper chooses it first; Continue mounts Checkout for that amount', async () => {
    server.routes['GET /api/quote'] = () => json(quote({ rule: 'open', item: undefined, name: 'Donation', amount: 100, range: { min: 100, max: 10000 } }));
    const { element } = await mount(html`<link-checkout ui="embedded" amount-editable currency="usd" server=${location.origin}></link-checkout>`);
    expect(sessionPosts()).to.have.length(0);
    expect(payButton(element).textContent!.trim()).to.equal('Continue');
    const input = element.shadowRoot!.querySelector<HTMLInputElement>('[part="amount-input"]')!;
    input.value = '42';
    input.dispatchEvent(new Event('input'));
    payButton(element).click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await element.updateComplete;
    expect(sessionPosts()[0]).to.include({ ui: 'embedded', amount: 4200, amountEditable: true });
    expect(stripe.log).to.include('mount checkout');
    expect(payButton(element)).to.equal(null);
    expect(element.shadowRoot!.querySelector<HTMLInputElement>('[part="amount-input"]')!.disabled).to.be.true;
  });
});

describe('<link-checkout> on the return page of a Checkout Session (session_id)', () => {
  const lookup = { orderId: 'ord_9', item: null, mode: 'setup', name: 'Save a payment method', amount: 0, currency: 'usd', customerId: 'cus_1', setupIntentId: 'seti_1' };

  it('fires success with the order, shows the outcome instead of a form, and removes session_id', async () => {
    history.replaceState(null, '', `${page}?keep=1&session_id=cs_test_9`);
    server.routes['GET /api/checkout-sessions/cs_test_9'] = () => json({ ...lookup, status: 'saved' });
    const { element, detail } = await mount(html`<link-checkout ui="hosted" mode="setup" currency="usd" server=${location.origin}></link-checkout>`, 'link-checkout-success');
    expect(detail as SuccessDetail).to.deep.equal({ orderId: 'ord_9', mode: 'setup', status: 'saved', customerId: 'cus_1', setupIntentId: 'seti_1' });
    expect(element.getAttribute('state')).to.equal('succeeded');
    expect(element.value).to.equal('ord_9');
    expect(liveRegion(element).textContent).to.contain('Your payment details are saved.');
    expect(payButton(element).disabled).to.be.true;
    expect(sessionPosts()).to.have.length(0);
    expect(location.search).to.equal('?keep=1');
  });

  it('waits for a pending order to settle (the webhook), then shows it paid', async () => {
    history.replaceState(null, '', `${page}?session_id=cs_test_9`);
    let reads = 0;
    server.routes['GET /api/checkout-sessions/cs_test_9'] = () =>
      json({ ...lookup, mode: 'payment', item: 'tshirt', amount: 2500, status: ++reads < 2 ? 'pending' : 'paid', setupIntentId: undefined, paymentIntentId: 'pi_9' });
    const { element, detail } = await mount(html`<link-checkout ui="embedded" item="tshirt" server=${location.origin}></link-checkout>`, 'link-checkout-success');
    expect(reads).to.equal(2);
    expect((detail as SuccessDetail).status).to.equal('paid');
    expect(liveRegion(element).textContent).to.contain('Payment of $25.00 received');
    expect(stripe.embedded).to.have.length(0, 'no new Checkout once paid');
  });

  it('a session that did not complete shows why, above a fresh checkout', async () => {
    history.replaceState(null, '', `${page}?session_id=cs_test_9`);
    server.routes['GET /api/checkout-sessions/cs_test_9'] = () => json({ ...lookup, status: 'canceled' });
    const { element, detail } = await mount(html`<link-checkout ui="hosted" mode="setup" currency="usd" server=${location.origin}></link-checkout>`, 'link-checkout-error');
    expect((detail as ErrorDetail).code).to.equal('payment_not_completed');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('failed');
    expect(payButton(element).disabled).to.be.false;
    expect(location.search).to.equal('');
  });

  it("leaves another checkout's session alone", async () => {
    history.replaceState(null, '', `${page}?session_id=cs_test_9`);
    server.routes['GET /api/checkout-sessions/cs_test_9'] = () => json({ ...lookup, item: 'mug', mode: 'payment', status: 'paid' });
    await mount(html`<link-checkout ui="hosted" item="tshirt" server=${location.origin}></link-checkout>`);
    expect(location.search).to.equal('?session_id=cs_test_9');
  });
});

describe('<link-checkout order="ord_…"> (the order page)', () => {
  it('asks for the order\'s quote and completes its existing payment through /api/checkout', async () => {
    server.routes['GET /api/quote'] = ({ url }) => json(quote({ rule: 'order', item: undefined, name: 'Charge', amount: 4200, ...(url.searchParams.get('order') ? {} : { name: 'wrong' }) }));
    const { element } = await mount(html`<link-checkout order="ord_42" server=${location.origin}></link-checkout>`);
    expect(server.posts).to.have.length(0);
    expect(payButton(element).textContent!.trim()).to.equal('Pay $42.00');
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(server.checkouts[0]).to.include({ order: 'ord_42' });
  });

  it("mounts the embedded Checkout Session the shop sent, with the quote's client secret", async () => {
    server.routes['GET /api/quote'] = () => json(quote({ rule: 'order', mode: 'setup', amount: 0, checkoutSession: { ui: 'embedded', clientSecret: 'cs_test_admin_secret_y' } }));
    await mount(html`<link-checkout order="ord_7" server=${location.origin}></link-checkout>`);
    expect(stripe.log).to.include('createEmbeddedCheckoutPage cs_test_admin_secret_y');
    expect(sessionPosts()).to.have.length(0, 'no second session');
  });

  it("a hosted one is a button to the session's page", async () => {
    server.routes['GET /api/quote'] = () => json(quote({ rule: 'order', amount: 1200, checkoutSession: { ui: 'hosted', url: 'https://checkout.stripe.example/c/cs_admin' } }));
    const { element } = await mount(html`<link-checkout order="ord_8" server=${location.origin}></link-checkout>`);
    expect(payButton(element).textContent!.trim()).to.equal('Pay $12.00 with Stripe');
    payButton(element).click();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(visited).to.deep.equal(['https://checkout.stripe.example/c/cs_admin']);
  });

  it('an order already paid is a clear state, with nothing to pay', async () => {
    server.routes['GET /api/quote'] = () => json({ error: { type: 'invalid_request_error', code: 'order_already_paid', message: 'This order is already paid. Nothing more is needed.' } }, 409);
    const { element, detail } = await mount(html`<link-checkout order="ord_5" server=${location.origin}></link-checkout>`, 'link-checkout-error');
    expect((detail as ErrorDetail).code).to.equal('order_already_paid');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('error');
    expect(liveRegion(element).querySelector('[role="alert"]')!.textContent).to.equal('This order is already paid. Nothing more is needed.');
    expect(payButton(element)).to.equal(null);
  });

  it('the return of its Checkout Session is claimed by the order, even though its quote is gone', async () => {
    history.replaceState(null, '', `${page}?session_id=cs_test_7`);
    server.routes['GET /api/checkout-sessions/cs_test_7'] = () => json({ orderId: 'ord_7', item: null, mode: 'setup', status: 'saved', name: 'Save a payment method', amount: 0, currency: 'usd' });
    server.routes['GET /api/quote'] = () => json({ error: { type: 'invalid_request_error', code: 'order_already_saved', message: 'Saved.' } }, 409);
    const { detail } = await mount(html`<link-checkout order="ord_7" server=${location.origin}></link-checkout>`, 'link-checkout-success');
    expect((detail as SuccessDetail).orderId).to.equal('ord_7');
    expect(server.posts).to.have.length(0);
  });
});
