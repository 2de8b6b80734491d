import { expect, waitUntil } from '@open-wc/testing';
import { newStripe, PK, stubFetch, type Call } from './helpers.ts';

const SECRET = 'pi_3ds_secret_abc';
const pi = (status: string, extra: object = {}) => ({ id: 'pi_3ds', object: 'payment_intent', status, client_secret: SECRET, ...extra });
const failedPi = pi('requires_payment_method', {
  last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'Authentication failed (sandbox).' },
});

/** The emulator as the stand-in sees it: a PaymentIntent needing 3DS, and the mock issuer route. */
function emulator(status = 'requires_action') {
  return stubFetch((call: Call) => {
    if (call.method === 'GET') return { json: pi(status, { next_action: status === 'requires_action' ? { type: 'use_stripe_sdk' } : null }) };
    return { json: call.body.get('outcome') === 'complete' ? pi('succeeded') : failedPi };
  });
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');
const button = (name: string) => [...dialog()!.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('stripe.handleNextAction() with the mock 3DS page', () => {
  let fetchStub: ReturnType<typeof stubFetch>;
  afterEach(() => {
    fetchStub.restore();
    document.querySelectorAll('[data-sandbox-3ds]').forEach((n) => n.remove());
  });

  it('shows an accessible modal; Complete POSTs outcome=complete and resolves the PaymentIntent', async () => {
    fetchStub = emulator();
    const result = newStripe('/sandbox/stripe').handleNextAction({ clientSecret: SECRET });
    await waitUntil(() => dialog(), 'the 3DS dialog appears');
    const d = dialog()!;
    expect(d.getAttribute('aria-modal')).to.equal('true');
    expect(document.getElementById(d.getAttribute('aria-labelledby')!)!.textContent).to.equal('3D Secure authentication (sandbox)');
    expect(document.activeElement).to.equal(button('Complete'));
    expect(fetchStub.calls.map((c) => `${c.method} ${c.url}`)).to.deep.equal([`GET /sandbox/stripe/v1/payment_intents/pi_3ds?client_secret=${SECRET}`]);
    expect(fetchStub.calls[0]!.headers.Authorization).to.equal(`Bearer ${PK}`);

    button('Complete').click();
    const { paymentIntent, error } = await result;
    expect(error).to.equal(undefined);
    expect(paymentIntent?.status).to.equal('succeeded');
    expect(dialog()).to.equal(null);
    const post = fetchStub.calls[1]!;
    expect(`${post.method} ${post.url}`).to.equal('POST /sandbox/stripe/_sandbox/3ds/pi_3ds');
    expect(Object.fromEntries(post.body)).to.deep.equal({ client_secret: SECRET, outcome: 'complete' });
  });

  it('Fail resolves {error} with payment_intent_authentication_failure and the intent', async () => {
    fetchStub = emulator();
    const result = newStripe().handleNextAction({ clientSecret: SECRET });
    await waitUntil(() => dialog(), 'the 3DS dialog appears');
    button('Fail').click();
    const { paymentIntent, error } = await result;
    expect(paymentIntent).to.equal(undefined);
    expect(error).to.deep.include({ type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'Authentication failed (sandbox).' });
    expect(error!.payment_intent?.status).to.equal('requires_payment_method');
    expect(fetchStub.calls[1]!.body.get('outcome')).to.equal('fail');
    expect(dialog()).to.equal(null);
  });

  it('Escape counts as Fail', async () => {
    fetchStub = emulator();
    const result = newStripe().handleNextAction({ clientSecret: SECRET });
    await waitUntil(() => dialog(), 'the 3DS dialog appears');
    button('Complete').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect((await result).error?.code).to.equal('payment_intent_authentication_failure');
  });

  it('throws, as Stripe.js documents, when the PaymentIntent does not require an action', async () => {
    fetchStub = emulator('succeeded');
    let err: Error | undefined;
    await newStripe().handleNextAction({ clientSecret: SECRET }).catch((e: Error) => (err = e));
    expect(err?.name).to.equal('IntegrationError');
    expect(err?.message).to.contain('requires_action');
    expect(dialog()).to.equal(null);
  });

  it('rejects a malformed client secret with IntegrationError', async () => {
    fetchStub = emulator();
    let err: Error | undefined;
    await newStripe().handleNextAction({ clientSecret: 'nonsense' }).catch((e: Error) => (err = e));
    expect(err?.name).to.equal('IntegrationError');
    expect(fetchStub.calls).to.have.length(0);
  });
});

describe('stripe.retrievePaymentIntent()', () => {
  it('resolves {paymentIntent}, or {error} from the API', async () => {
    let fetchStub = emulator('processing');
    expect((await newStripe().retrievePaymentIntent(SECRET)).paymentIntent?.status).to.equal('processing');
    fetchStub.restore();
    const error = { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent.' };
    fetchStub = stubFetch(() => ({ status: 404, json: { error } }));
    expect(await newStripe().retrievePaymentIntent(SECRET)).to.deep.equal({ error });
    fetchStub.restore();
  });

  it('reports an unreachable API as api_connection_error', async () => {
    const original = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    try {
      expect((await newStripe().retrievePaymentIntent(SECRET)).error?.type).to.equal('api_connection_error');
    } finally {
      window.fetch = original;
    }
  });
});

describe('stripe.handleNextAction() for a SetupIntent', () => {
  const SETI_SECRET = 'seti_3ds_secret_abc';
  const seti = (status: string, extra: object = {}) => ({ id: 'seti_3ds', object: 'setup_intent', status, client_secret: SETI_SECRET, ...extra });
  let fetchStub: ReturnType<typeof stubFetch>;
  beforeEach(() => {
    fetchStub = stubFetch((call: Call) => {
      if (call.method === 'GET') return { json: seti('requires_action', { next_action: { type: 'use_stripe_sdk' } }) };
      if (call.body.get('outcome') === 'complete') return { json: seti('succeeded') };
      return {
        json: seti('requires_payment_method', {
          last_setup_error: { type: 'card_error', code: 'setup_intent_authentication_failure', message: 'Setup authentication failed (sandbox).' },
        }),
      };
    });
  });
  afterEach(() => {
    fetchStub.restore();
    document.querySelectorAll('[data-sandbox-3ds]').forEach((n) => n.remove());
  });

  it('reads the SetupIntent, shows the same dialog, and Complete resolves {setupIntent}', async () => {
    const result = newStripe().handleNextAction({ clientSecret: SETI_SECRET });
    await waitUntil(() => dialog(), 'the 3DS dialog appears');
    expect(fetchStub.calls[0]!.url).to.equal(`/sandbox/stripe/v1/setup_intents/seti_3ds?client_secret=${SETI_SECRET}`);
    button('Complete').click();
    const { setupIntent, paymentIntent, error } = await result;
    expect(error).to.equal(undefined);
    expect(paymentIntent).to.equal(undefined);
    expect(setupIntent?.status).to.equal('succeeded');
    expect(`${fetchStub.calls[1]!.method} ${fetchStub.calls[1]!.url}`).to.equal('POST /sandbox/stripe/_sandbox/3ds/seti_3ds');
  });

  it('Fail resolves {error} from last_setup_error, with the SetupIntent attached', async () => {
    const result = newStripe().handleNextAction({ clientSecret: SETI_SECRET });
    await waitUntil(() => dialog(), 'the 3DS dialog appears');
    button('Fail').click();
    const { error } = await result;
    expect(error).to.deep.include({ code: 'setup_intent_authentication_failure', message: 'Setup authentication failed (sandbox).' });
    expect(error!.setup_intent?.status).to.equal('requires_payment_method');
    expect(error!.payment_intent).to.equal(undefined);
  });
});
