// Stand-in flows that need objects only a secret key can create on the emulator: SetupIntents
// (confirmSetup, retrieveSetupIntent, 3DS), the three checkout modes' server-side confirms
// (payment with manual capture, setup, subscription), embedded Checkout Sessions
// (initEmbeddedCheckout) and CustomerSessions (saved cards). They run when the test server's GET /sandbox/test-keys also
// answers `secretKey` (test-only dev server); otherwise they are reported as skipped.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe } from '@stripe/stripe-js';
import { installStripeStandIn, setNavigate } from '../../sandbox/stripe-js/index.ts';
import { encodeForm } from '../../sandbox/stripe-js/form.ts';
import { byLabel, fillCard, choose, labels, radio, type } from './helpers.ts';

type Keys = { publishableKey: string; secretKey?: string };
let keys: Keys;

/** Server-side call to the emulator with the secret key, as the merchant's server would make it. */
async function server<T = Record<string, any>>(method: 'GET' | 'POST', path: string, body?: Record<string, any>): Promise<T> {
  const res = await fetch(`/sandbox/stripe${path}`, {
    method,
    headers: { Authorization: `Bearer ${keys.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body ? encodeForm(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json as T;
}

/** A button of the mock 3DS dialog, once it shows. */
async function dialogButton(name: 'Complete' | 'Fail'): Promise<HTMLButtonElement> {
  await waitUntil(() => document.querySelector('[role="dialog"]'), '3DS dialog');
  return [...document.querySelectorAll<HTMLButtonElement>('[role="dialog"] button')].find((b) => b.textContent === name)!;
}

describe('stand-in flows on emulator objects made with the secret key', function () {
  let stripe: Stripe;
  let navigated: string[];
  before(async function () {
    keys = (await (await fetch('/sandbox/test-keys')).json()) as Keys;
    if (!keys.secretKey) this.skip(); // skipped: /sandbox/test-keys does not expose a secret key on this server
  });
  beforeEach(() => {
    stripe = installStripeStandIn({ apiBase: '/sandbox/stripe' })(keys.publishableKey);
    navigated = [];
    setNavigate((url) => navigated.push(url));
  });
  afterEach(() => setNavigate(null));

  it('confirmSetup: if_required resolves {setupIntent}; always navigates with setup_intent parameters; retrieveSetupIntent agrees', async () => {
    for (const redirect of ['if_required', 'always'] as const) {
      const customer = await server('POST', '/v1/customers', { email: 'setup@example.com' });
      const si = await server('POST', '/v1/setup_intents', { customer: customer.id, 'payment_method_types[0]': 'card' });
      const elements = stripe.elements({ mode: 'setup', currency: 'usd' });
      const root = await fixture<HTMLDivElement>(html`<div></div>`);
      elements.create('payment').mount(root);
      fillCard(root);
      await elements.submit();
      const confirmParams = { return_url: `${location.origin}/saved` };
      if (redirect === 'if_required') {
        const { setupIntent, error } = await stripe.confirmSetup({ elements, clientSecret: si.client_secret, redirect, confirmParams });
        expect(error).to.equal(undefined);
        expect(setupIntent).to.deep.include({ id: si.id, status: 'succeeded' });
      } else {
        void stripe.confirmSetup({ elements, clientSecret: si.client_secret, confirmParams });
        await waitUntil(() => navigated.length === 1, 'navigation');
        expect(navigated[0]).to.equal(`${location.origin}/saved?setup_intent=${si.id}&setup_intent_client_secret=${si.client_secret}&redirect_status=succeeded`);
      }
      const { setupIntent } = await stripe.retrieveSetupIntent(si.client_secret);
      expect(setupIntent?.status).to.equal('succeeded');
      expect((await server('GET', `/v1/setup_intents/${si.id}`)).payment_method).to.match(/^pm_/);
    }
  });

  it('SetupIntent 3DS: handleNextAction after a server-side confirm (Complete attaches the card; Fail leaves last_setup_error); confirmSetup runs the same dialog', async () => {
    const pendingSetup = async () => {
      const customer = await server('POST', '/v1/customers', { email: 'setup-3ds@example.com' });
      const token = await server('POST', '/v1/test_helpers/confirmation_tokens', { payment_method: 'pm_card_threeDSecure2Required', return_url: location.href });
      const si = await server('POST', '/v1/setup_intents', { customer: customer.id, confirm: true, confirmation_token: token.id });
      expect(si.status).to.equal('requires_action');
      return si;
    };

    const completed = await pendingSetup();
    const done = stripe.handleNextAction({ clientSecret: completed.client_secret });
    (await dialogButton('Complete')).click();
    expect((await done).setupIntent?.status).to.equal('succeeded');
    const pm = await server('GET', `/v1/payment_methods/${(await server('GET', `/v1/setup_intents/${completed.id}`)).payment_method}`);
    expect(pm.customer).to.equal(completed.customer);

    const failed = await pendingSetup();
    const refused = stripe.handleNextAction({ clientSecret: failed.client_secret });
    (await dialogButton('Fail')).click();
    expect((await refused).error?.code).to.equal('setup_intent_authentication_failure');
    const after = await server('GET', `/v1/setup_intents/${failed.id}`);
    expect(after.status).to.equal('requires_payment_method');
    expect(after.last_setup_error.code).to.equal('setup_intent_authentication_failure');

    const si = await server('POST', '/v1/setup_intents', { customer: completed.customer });
    const elements = stripe.elements({ mode: 'setup', currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment', { defaultValues: { billingDetails: { email: 'setup-3ds@example.com' } } }).mount(root);
    fillCard(root, '4000 0000 0000 3220');
    await elements.submit();
    const confirming = stripe.confirmSetup({ elements, clientSecret: si.client_secret, redirect: 'if_required', confirmParams: { return_url: location.href } });
    (await dialogButton('Complete')).click();
    expect((await confirming).setupIntent?.status).to.equal('succeeded');
  });

  it('the three modes end to end: tokens from payment (manual capture), setup and subscription Elements are accepted by the server-side confirm the product makes', async () => {
    const tokenFrom = async (options: Parameters<Stripe['elements']>[0], card = '4242 4242 4242 4242') => {
      const elements = stripe.elements(options);
      const root = await fixture<HTMLDivElement>(html`<div></div>`);
      elements.create('payment').mount(root);
      fillCard(root, card);
      expect((await elements.submit()).error).to.equal(undefined);
      const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
      expect(error).to.equal(undefined);
      return confirmationToken!.id;
    };
    const customer = await server('POST', '/v1/customers', { email: 'modes@example.com' });

    const held = await server('POST', '/v1/payment_intents', {
      amount: 1000, currency: 'usd', capture_method: 'manual', confirm: true,
      confirmation_token: await tokenFrom({ mode: 'payment', amount: 1000, currency: 'usd', captureMethod: 'manual' }),
    });
    expect(held.status).to.equal('requires_capture');

    const saved = await server('POST', '/v1/setup_intents', { customer: customer.id, confirm: true, confirmation_token: await tokenFrom({ mode: 'setup', currency: 'usd' }) });
    expect(saved.status).to.equal('succeeded');

    const price = await server('POST', '/v1/prices', { unit_amount: 900, currency: 'usd', recurring: { interval: 'month' }, product_data: { name: 'Club' } });
    const sub = await server('POST', '/v1/subscriptions', {
      customer: customer.id, items: [{ price: price.id }], payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' }, expand: ['latest_invoice.confirmation_secret'],
    });
    const secret: string = sub.latest_invoice.confirmation_secret.client_secret;
    const token = await tokenFrom({ mode: 'subscription', amount: 900, currency: 'usd' }, '4000 0000 0000 3220');
    const pending = await server('POST', `/v1/payment_intents/${secret.split('_secret_')[0]}/confirm`, { confirmation_token: token });
    expect(pending.status).to.equal('requires_action');
    const done = stripe.handleNextAction({ clientSecret: secret });
    (await dialogButton('Complete')).click();
    expect((await done).paymentIntent?.status).to.equal('succeeded');
    expect((await server('GET', `/v1/subscriptions/${sub.id}`)).status).to.equal('active');
  });

  it('initEmbeddedCheckout: line items render, paying completes the session and navigates to its return_url', async () => {
    const session = await server('POST', '/v1/checkout/sessions', {
      mode: 'payment',
      ui_mode: 'embedded_page',
      return_url: `${location.origin}/return?session_id={CHECKOUT_SESSION_ID}`,
      line_items: [{ quantity: 2, price_data: { currency: 'usd', unit_amount: 2000, product_data: { name: 'T-shirt' } } }],
    });
    const checkout = await (stripe as unknown as { initEmbeddedCheckout: Stripe['createEmbeddedCheckoutPage'] }).initEmbeddedCheckout({
      fetchClientSecret: async () => session.client_secret,
    });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    checkout.mount(node);
    expect([...node.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['T-shirt × 2: $40.00']);
    type(byLabel(node, 'Email'), 'buyer@example.com');
    fillCard(node);
    node.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => navigated.length === 1, 'navigation');
    expect(navigated[0]).to.equal(`${location.origin}/return?session_id=${session.id}`);
    const done = await server('GET', `/v1/checkout/sessions/${session.id}`);
    expect(done).to.deep.include({ status: 'complete', payment_status: 'paid' });
    checkout.destroy();
  });

  it('CustomerSession: the Payment Element lists the saved card from a setup-mode embedded Checkout and pays with it', async () => {
    const customer = await server('POST', '/v1/customers', { email: 'saved@example.com' });
    const setup = await server('POST', '/v1/checkout/sessions', { mode: 'setup', currency: 'usd', customer: customer.id, ui_mode: 'embedded_page', redirect_on_completion: 'never' });
    let completed = false;
    const checkout = await stripe.createEmbeddedCheckoutPage({ clientSecret: setup.client_secret, onComplete: () => (completed = true) });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    checkout.mount(node);
    fillCard(node, '4242 4242 4242 4242');
    node.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => completed, 'onComplete');
    checkout.destroy();

    const cs = await server('POST', '/v1/customer_sessions', {
      customer: customer.id,
      components: { payment_element: { enabled: true, features: { payment_method_redisplay: 'enabled' } } },
    });
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd', customerSessionClientSecret: cs.client_secret });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    await waitUntil(() => labels(root).includes('Visa •••• 4242'), 'saved card');
    expect(radio(root, 'Visa •••• 4242').checked).to.equal(true);
    choose(radio(root, 'Visa •••• 4242'));
    await elements.submit();
    const { confirmationToken, error } = await stripe.createConfirmationToken({ elements });
    expect(error).to.equal(undefined);
    expect((confirmationToken!.payment_method_preview as unknown as { card: { last4: string } }).card.last4).to.equal('4242');
  });
});
