import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { ApiClient } from '../../sandbox/stripe-js/api-client.ts';
import { confirmIntent, redirectUrl } from '../../sandbox/stripe-js/confirm.ts';
import { fillCard, newStripe, PK, rejection, stubFetch, type Call } from './helpers.ts';

const SECRET = 'pi_c_secret_x';
const pi = (status: string) => ({ id: 'pi_c', object: 'payment_intent', status, client_secret: SECRET });

describe('stripe.confirmPayment() with deferred Elements', () => {
  let stripe: Stripe;
  let elements: StripeElements;
  let fetchStub: ReturnType<typeof stubFetch>;
  let confirmStatus: string;

  beforeEach(async () => {
    confirmStatus = 'succeeded';
    fetchStub = stubFetch((call: Call) => {
      if (call.url.endsWith('/v1/confirmation_tokens')) return { json: { id: 'ctoken_c' } };
      if (call.url.endsWith('/confirm')) return { json: pi(confirmStatus) };
      if (call.url.includes('/_sandbox/3ds/')) return { json: pi('succeeded') };
      return { status: 404, json: { error: { type: 'invalid_request_error', message: 'no route' } } };
    });
    stripe = newStripe('/sandbox/stripe');
    elements = stripe.elements({ mode: 'payment', amount: 1000, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    fillCard(root, '4242424242424242', { expiry: '01/39' });
  });
  afterEach(() => {
    fetchStub.restore();
    document.querySelectorAll('[data-sandbox-3ds]').forEach((n) => n.remove());
  });

  it('needs submit(), a clientSecret, and return_url unless redirect is if_required', async () => {
    expect((await rejection(stripe.confirmPayment({ elements, clientSecret: SECRET, redirect: 'if_required' }))).message).to.contain('elements.submit()');
    await elements.submit();
    expect((await rejection(stripe.confirmPayment({ elements, confirmParams: { return_url: 'https://x' } } as never))).message).to.contain('clientSecret');
    expect((await rejection(stripe.confirmPayment({ elements, clientSecret: SECRET, confirmParams: {} as never }))).message).to.contain('return_url');
    expect(fetchStub.calls).to.have.length(0);
  });

  it("confirms through a ConfirmationToken with the client secret and resolves with redirect: 'if_required'", async () => {
    await elements.submit();
    const { paymentIntent, error } = await stripe.confirmPayment({ elements, clientSecret: SECRET, redirect: 'if_required', confirmParams: { return_url: 'https://shop.example/r' } });
    expect(error).to.equal(undefined);
    expect(paymentIntent?.status).to.equal('succeeded');
    const [token, confirm] = fetchStub.calls;
    expect(token!.body.get('payment_method_data[card][number]')).to.equal('4242424242424242');
    expect(`${confirm!.method} ${confirm!.url}`).to.equal('POST /sandbox/stripe/v1/payment_intents/pi_c/confirm');
    expect(confirm!.headers.Authorization).to.equal(`Bearer ${PK}`);
    expect(Object.fromEntries(confirm!.body)).to.deep.equal({ client_secret: SECRET, confirmation_token: 'ctoken_c', return_url: 'https://shop.example/r' });
  });

  it('runs the 3DS page when confirmation needs it', async () => {
    confirmStatus = 'requires_action';
    await elements.submit();
    const result = stripe.confirmPayment({ elements, clientSecret: SECRET, redirect: 'if_required' });
    await waitUntil(() => document.querySelector('[role="dialog"]'), '3DS dialog');
    [...document.querySelectorAll<HTMLButtonElement>('[role="dialog"] button')].find((b) => b.textContent === 'Complete')!.click();
    expect((await result).paymentIntent?.status).to.equal('succeeded');
  });

  it("redirects to return_url with the intent's id and status by default", async () => {
    await elements.submit();
    const navigated: string[] = [];
    const api = new ApiClient('/sandbox/stripe', PK);
    void confirmIntent(api, 'payment', { elements, clientSecret: SECRET, confirmParams: { return_url: 'https://shop.example/r?order=1' } }, (u) => navigated.push(u));
    await waitUntil(() => navigated.length === 1, 'navigation');
    const url = new URL(navigated[0]!);
    expect(url.origin + url.pathname).to.equal('https://shop.example/r');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({ order: '1', payment_intent: 'pi_c', payment_intent_client_secret: SECRET, redirect_status: 'succeeded' });
  });

  it('passes an emulator error through as {error}', async () => {
    fetchStub.restore();
    const error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Declined.' };
    fetchStub = stubFetch((call) => (call.url.endsWith('/confirm') ? { status: 402, json: { error } } : { json: { id: 'ctoken_c' } }));
    await elements.submit();
    expect(await stripe.confirmPayment({ elements, clientSecret: SECRET, redirect: 'if_required' })).to.deep.equal({ error });
  });

  it('confirmSetup posts to the SetupIntent and builds setup_intent redirect parameters', async () => {
    expect(redirectUrl('/done', 'setup', { id: 'seti_1', client_secret: 'seti_1_secret_2' }, 'succeeded')).to.equal(
      `${location.origin}/done?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_2&redirect_status=succeeded`,
    );
    await elements.submit();
    await stripe.confirmSetup({ elements, clientSecret: 'seti_1_secret_2', redirect: 'if_required' });
    expect(fetchStub.calls.at(-1)!.url).to.equal('/sandbox/stripe/v1/setup_intents/seti_1/confirm');
  });
});
