// confirmPayment / confirmSetup through the public stripe object with redirect 'always' (the
// default) and 'if_required', navigation captured through the stand-in's hook; and
// retrieveSetupIntent. Stubbed emulator; emulator-backed runs are in confirm-emulator.test.ts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { setNavigate } from '../../sandbox/stripe-js/index.ts';
import { fillCard, newStripe, PK, stubFetch, type Call } from './helpers.ts';

const intent = (id: string, status = 'succeeded') => ({ id, object: id.startsWith('pi_') ? 'payment_intent' : 'setup_intent', status, client_secret: `${id}_secret_s` });

describe('confirmPayment / confirmSetup redirects', () => {
  let stripe: Stripe;
  let fetchStub: ReturnType<typeof stubFetch>;
  let navigated: string[];

  const elementsFor = async (options: Parameters<Stripe['elements']>[0]): Promise<StripeElements> => {
    const elements = stripe.elements(options);
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    fillCard(root, '4242424242424242', { expiry: '01/39' });
    expect((await elements.submit()).error).to.equal(undefined);
    return elements;
  };

  beforeEach(() => {
    navigated = [];
    setNavigate((url) => navigated.push(url));
    fetchStub = stubFetch((call: Call) => {
      if (call.url.endsWith('/v1/confirmation_tokens')) return { json: { id: 'ctoken_r' } };
      const m = /\/v1\/(payment_intents|setup_intents)\/(\w+)\/confirm$/.exec(call.url);
      if (m) return { json: intent(m[2]!) };
      return { status: 404, json: { error: { type: 'invalid_request_error', message: 'no route' } } };
    });
    stripe = newStripe('/sandbox/stripe');
  });
  afterEach(() => {
    fetchStub.restore();
    setNavigate(null);
  });

  it("confirmPayment without redirect navigates to return_url with payment_intent, its client secret and redirect_status; the promise stays pending", async () => {
    const elements = await elementsFor({ mode: 'payment', amount: 1000, currency: 'usd' });
    let settled = false;
    void stripe.confirmPayment({ elements, clientSecret: 'pi_r_secret_s', confirmParams: { return_url: 'https://shop.example/done?o=7' } }).then(() => (settled = true));
    await waitUntil(() => navigated.length === 1, 'navigation');
    const url = new URL(navigated[0]!);
    expect(url.origin + url.pathname).to.equal('https://shop.example/done');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({ o: '7', payment_intent: 'pi_r', payment_intent_client_secret: 'pi_r_secret_s', redirect_status: 'succeeded' });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).to.equal(false);
  });

  it("confirmSetup with redirect 'always' uses setup_intent parameters", async () => {
    const elements = await elementsFor({ mode: 'setup', currency: 'usd' });
    void stripe.confirmSetup({ elements, clientSecret: 'seti_r_secret_s', redirect: 'always', confirmParams: { return_url: '/saved' } });
    await waitUntil(() => navigated.length === 1, 'navigation');
    expect(navigated[0]).to.equal(`${location.origin}/saved?setup_intent=seti_r&setup_intent_client_secret=seti_r_secret_s&redirect_status=succeeded`);
    expect(fetchStub.calls.at(-1)!.url).to.equal('/sandbox/stripe/v1/setup_intents/seti_r/confirm');
    expect(fetchStub.calls.at(-1)!.headers.Authorization).to.equal(`Bearer ${PK}`);
  });

  it("redirect 'if_required' resolves {paymentIntent} / {setupIntent} for cards without navigating", async () => {
    const elements = await elementsFor({ mode: 'payment', amount: 1000, currency: 'usd' });
    const { paymentIntent } = await stripe.confirmPayment({ elements, clientSecret: 'pi_r_secret_s', redirect: 'if_required' });
    expect(paymentIntent?.id).to.equal('pi_r');
    const setup = await elementsFor({ mode: 'setup', currency: 'usd' });
    const { setupIntent } = await stripe.confirmSetup({ elements: setup, clientSecret: 'seti_r_secret_s', redirect: 'if_required', confirmParams: { return_url: 'https://x.example' } });
    expect(setupIntent?.status).to.equal('succeeded');
    expect(navigated).to.deep.equal([]);
  });

  it('confirmPayment refuses a SetupIntent client secret and vice versa', async () => {
    const elements = await elementsFor({ mode: 'payment', amount: 1000, currency: 'usd' });
    let error: unknown;
    await stripe.confirmPayment({ elements, clientSecret: 'seti_r_secret_s', redirect: 'if_required' }).catch((e) => (error = e));
    expect((error as Error).name).to.equal('IntegrationError');
  });
});

describe('retrieveSetupIntent', () => {
  it('GETs the SetupIntent with its client secret and the pk', async () => {
    const stub = stubFetch(() => ({ json: intent('seti_q', 'requires_payment_method') }));
    try {
      const { setupIntent } = await newStripe('/sandbox/stripe').retrieveSetupIntent('seti_q_secret_s');
      expect(setupIntent?.status).to.equal('requires_payment_method');
      expect(stub.calls[0]!.url).to.equal('/sandbox/stripe/v1/setup_intents/seti_q?client_secret=seti_q_secret_s');
      expect(stub.calls[0]!.headers.Authorization).to.equal(`Bearer ${PK}`);
    } finally {
      stub.restore();
    }
  });

  it('resolves {error} with the emulator error', async () => {
    const error = { type: 'invalid_request_error', code: 'resource_missing', message: 'No such setupintent' };
    const stub = stubFetch(() => ({ status: 404, json: { error } }));
    try {
      expect(await newStripe('/sandbox/stripe').retrieveSetupIntent('seti_nope_secret_x')).to.deep.equal({ error });
    } finally {
      stub.restore();
    }
  });
});
