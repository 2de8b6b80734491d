import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import type { ErrorDetail } from '../../protocol/index.ts';
import { navigation } from '../../widget/link-checkout-extras.ts';
import { json, type FakeStripe, type FetchStub, withFakes } from './fakes.ts';
import { payButton, readyCheckout } from './harness.ts';

let stripe: FakeStripe;
let server: FetchStub;

withFakes((fakeStripe, fakeServer) => {
  stripe = fakeStripe;
  server = fakeServer;
  server.routes['POST /api/customer-sessions'] = () => json({ clientSecret: 'cuss_secret_from_server' });
});

describe('<link-checkout> for a returning customer (saved payment methods)', () => {
  it('a signed customer: the server makes the CustomerSession, Elements get it, and every request carries the claim', async () => {
    const element = await readyCheckout(html`<link-checkout item="tshirt" customer="cus_42" customer-signature="sig_abc" server=${location.origin}></link-checkout>`);
    const [post] = server.posts;
    expect(post).to.deep.equal({ path: '/api/customer-sessions', body: { customer: 'cus_42', customerSignature: 'sig_abc' } });
    expect(stripe.elementsOptions.customerSessionClientSecret).to.equal('cuss_secret_from_server');
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(server.checkouts[0]).to.include({ customer: 'cus_42', customerSignature: 'sig_abc', item: 'tshirt' });
  });

  it("the site's own CustomerSession client secret goes straight to Stripe.js; the server makes none", async () => {
    await readyCheckout(html`<link-checkout item="tshirt" customer-session-client-secret="cuss_secret_site" server=${location.origin}></link-checkout>`);
    expect(stripe.elementsOptions.customerSessionClientSecret).to.equal('cuss_secret_site');
    expect(server.posts).to.have.length(0);
  });

  it('a new customer reference rebuilds the Elements with its CustomerSession; one reference is asked for once', async () => {
    let made = 0;
    server.routes['POST /api/customer-sessions'] = ({ body }) => json({ clientSecret: `cuss_secret_${body.customer}_${++made}` });
    const element = await readyCheckout(html`<link-checkout item="tshirt" customer="cus_1" customer-signature="sig_1" server=${location.origin}></link-checkout>`);
    element.theme = 'night';
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(made).to.equal(1);
    const ready = oneEvent(element, 'link-checkout-ready');
    element.setAttribute('customer', 'cus_2');
    element.setAttribute('customer-signature', 'sig_2');
    await ready;
    expect(stripe.elementsOptions.customerSessionClientSecret).to.equal('cuss_secret_cus_2_2');
  });

  it('a wrongly signed reference is an error state: no Elements, nothing to pay', async () => {
    const refusal = { error: { type: 'invalid_request_error', code: 'customer_signature_mismatch', message: 'This customer reference was not signed by the shop.' } };
    server.routes['POST /api/customer-sessions'] = () => json(refusal, 400);
    server.routes['GET /api/quote'] = () => json(refusal, 400);
    const element = await fixture<LinkCheckout>(html`<link-checkout item="tshirt" customer="cus_1" customer-signature="forged" server=${location.origin}></link-checkout>`);
    const { detail } = (await oneEvent(element, 'link-checkout-error')) as CustomEvent<ErrorDetail>;
    expect(detail.code).to.equal('customer_signature_mismatch');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('error');
    expect(stripe.created).to.have.length(0);
    expect(payButton(element)).to.equal(null);
  });

  it('with ui="hosted" the reference rides on the session request; Checkout gets the Customer from the server', async () => {
    server.routes['POST /api/checkout-sessions'] = () => json({ orderId: 'ord_1', sessionId: 'cs_test_1', url: 'https://checkout.stripe.example/c/cs_test_1' });
    const element = await readyCheckout(html`<link-checkout ui="hosted" item="tshirt" customer="cus_42" customer-signature="sig_abc" server=${location.origin}></link-checkout>`);
    const assign = navigation.assign;
    navigation.assign = () => {};
    try {
      payButton(element).click();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      navigation.assign = assign;
    }
    expect(server.posts.map((post) => post.path)).to.deep.equal(['/api/checkout-sessions']);
    expect(server.posts[0]!.body).to.include({ customer: 'cus_42', customerSignature: 'sig_abc' });
  });
});
