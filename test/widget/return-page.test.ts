import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import type { ErrorDetail, SuccessDetail } from '../../protocol/index.ts';
import { installFakeStripe, json, stubFetch, type FakeStripe, type FetchStub } from './fakes.ts';
import { liveRegion, payButton } from './harness.ts';
import { returnedPayment } from '../../widget/return-page.ts';

let stripe: FakeStripe;
let server: FetchStub;
const page = location.pathname;

/** The page as Stripe leaves it after a redirect-based payment method. */
function arriveFromRedirect(status = 'succeeded') {
  history.replaceState(null, '', `${page}?keep=1&payment_intent=pi_test_1&payment_intent_client_secret=pi_test_1_secret_x&redirect_status=${status}`);
}

beforeEach(() => {
  stripe = installFakeStripe();
  server = stubFetch(stripe.log, { 'GET /api/payments/pi_test_1': () => json({ orderId: 'ord_1', item: 'tshirt', status: 'pending' }) });
});
afterEach(() => {
  server.restore();
  history.replaceState(null, '', page);
});

const mount = () => fixture<LinkCheckout>(html`<link-checkout item="tshirt" server=${location.origin}></link-checkout>`);

describe('<link-checkout> on the return page of a redirect', () => {
  it('shows a paid payment as paid, with no form to pay again, and cleans the URL', async () => {
    arriveFromRedirect();
    const element = await mount();
    const { detail } = (await oneEvent(element, 'link-checkout-success')) as CustomEvent<SuccessDetail>;
    expect(detail).to.deep.equal({ orderId: 'ord_1', paymentIntentId: 'pi_test_1' });
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('succeeded');
    expect(stripe.log).to.include('retrievePaymentIntent pi_test_1_secret_x');
    expect(stripe.created).to.have.length(0);
    expect(payButton(element).disabled).to.be.true;
    expect(location.search).to.equal('?keep=1');
  });

  it('shows why a returned payment failed, above a form that can pay again', async () => {
    arriveFromRedirect('failed');
    stripe.retrievePaymentIntent = async () => ({
      paymentIntent: { id: 'pi_test_1', status: 'requires_payment_method', last_payment_error: { message: 'The bank refused the payment.' } },
    });
    const element = await mount();
    const { detail } = (await oneEvent(element, 'link-checkout-error')) as CustomEvent<ErrorDetail>;
    expect(detail.message).to.equal('The bank refused the payment.');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('failed');
    expect(liveRegion(element).textContent).to.contain('The bank refused the payment.');
    expect(stripe.created.map((created) => created.type)).to.deep.equal(['linkAuthentication', 'address', 'payment']);
    expect(payButton(element).disabled).to.be.false;
  });

  it("leaves another checkout's payment alone", async () => {
    arriveFromRedirect();
    const element = await fixture<LinkCheckout>(html`<link-checkout item="mug" server=${location.origin}></link-checkout>`);
    await oneEvent(element, 'link-checkout-ready');
    expect(stripe.log.some((call) => call.startsWith('retrievePaymentIntent'))).to.be.false;
    expect(location.search).to.contain('payment_intent=pi_test_1');
  });

  it('only reads parameters whose client secret belongs to the intent', () => {
    expect(returnedPayment('https://shop.example/?payment_intent=pi_1&payment_intent_client_secret=pi_2_secret_x')).to.be.null;
    expect(returnedPayment('https://shop.example/?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x')).to.deep.equal({
      paymentIntentId: 'pi_1',
      clientSecret: 'pi_1_secret_x',
    });
  });
});
