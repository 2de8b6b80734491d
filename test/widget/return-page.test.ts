import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import type { ErrorDetail, SuccessDetail } from '../../protocol/index.ts';
import { installFakeStripe, json, quote, stubFetch, type FakeStripe, type FetchStub } from './fakes.ts';
import { liveRegion, payButton } from './harness.ts';
import { returnedIntent } from '../../widget/link-checkout-extras.ts';

let stripe: FakeStripe;
let server: FetchStub;
const page = location.pathname;

/** The page as Stripe leaves it after a redirect-based payment method. */
function arriveFromRedirect(status = 'succeeded') {
  history.replaceState(null, '', `${page}?keep=1&payment_intent=pi_test_1&payment_intent_client_secret=pi_test_1_secret_x&redirect_status=${status}`);
}

beforeEach(() => {
  stripe = installFakeStripe();
  server = stubFetch(stripe.log, { 'GET /api/payments/pi_test_1': () => json({ orderId: 'ord_1', item: 'tshirt', mode: 'payment', status: 'pending' }) });
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
    expect(detail).to.deep.equal({ orderId: 'ord_1', mode: 'payment', status: 'paid', paymentIntentId: 'pi_test_1' });
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
      paymentIntent: { id: 'pi_test_1', status: 'requires_payment_method', last_payment_error: { type: 'card_error', code: 'card_declined', message: 'The bank refused the payment.' } },
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

  it('a failed bank authentication reads as plain language, not Stripe\'s developer message', async () => {
    arriveFromRedirect('failed');
    stripe.retrievePaymentIntent = async () => ({
      paymentIntent: {
        id: 'pi_test_1',
        status: 'requires_payment_method',
        last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'The provided PaymentMethod has failed authentication. Provide a new PaymentMethod to attempt to fulfill this PaymentIntent again.' },
      },
    });
    const element = await mount();
    const { detail } = (await oneEvent(element, 'link-checkout-error')) as CustomEvent<ErrorDetail>;
    expect(detail.message).to.equal('Your bank could not confirm this payment. Try again, or use another payment method.');
    expect(liveRegion(element).textContent).not.to.contain('PaymentMethod');
  });

  it('a returned setup shows as saved', async () => {
    history.replaceState(null, '', `${page}?setup_intent=seti_test_1&setup_intent_client_secret=seti_test_1_secret_x&redirect_status=succeeded`);
    server.routes['GET /api/payments/seti_test_1'] = () => json({ orderId: 'ord_2', item: null, mode: 'setup', status: 'pending', customerId: 'cus_1' });
    server.routes['GET /api/quote'] = () => json(quote({ rule: 'none', item: undefined, mode: 'setup', amount: 0 }));
    const element = await fixture<LinkCheckout>(html`<link-checkout mode="setup" server=${location.origin}></link-checkout>`);
    const { detail } = (await oneEvent(element, 'link-checkout-success')) as CustomEvent<SuccessDetail>;
    expect(detail).to.deep.equal({ orderId: 'ord_2', mode: 'setup', status: 'saved', setupIntentId: 'seti_test_1', customerId: 'cus_1' });
    expect(stripe.log).to.include('retrieveSetupIntent seti_test_1_secret_x');
    expect(location.search).to.equal('');
  });

  it('only reads parameters whose client secret belongs to the intent', () => {
    expect(returnedIntent('https://shop.example/?payment_intent=pi_1&payment_intent_client_secret=pi_2_secret_x')).to.be.null;
    expect(returnedIntent('https://shop.example/?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x')).to.deep.equal({
      intentId: 'pi_1',
      clientSecret: 'pi_1_secret_x',
    });
    expect(returnedIntent('https://shop.example/?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_x')).to.deep.equal({
      intentId: 'seti_1',
      clientSecret: 'seti_1_secret_x',
    });
  });
});
