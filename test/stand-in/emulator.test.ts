// The stand-in against the real emulator and product server, hosted in-process by the shared
// web-test-runner.config.mjs (/sandbox/stripe.js, /sandbox/stripe/*, /sandbox/test-keys, /api/*).
// Not run by wtr-local.config.mjs.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe, StripeConstructor, StripeElements } from '@stripe/stripe-js';
import type { CheckoutResponse } from '../../protocol/index.ts';
import { fillCard } from './helpers.ts';

let publishableKey: string;

/** Loads the IIFE build as a page would, so its apiBase derivation is exercised too. */
async function loadScript(): Promise<StripeConstructor> {
  delete (window as { Stripe?: unknown }).Stripe;
  const script = document.createElement('script');
  script.src = '/sandbox/stripe.js';
  const loaded = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = reject;
  });
  document.head.append(script);
  await loaded;
  script.remove();
  return window.Stripe!;
}

async function checkout(stripe: Stripe, card: string): Promise<{ elements: StripeElements; response: CheckoutResponse }> {
  const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
  const root = await fixture<HTMLDivElement>(html`<div><div id="la"></div><div id="pe"></div></div>`);
  elements.create('linkAuthentication', { defaultValues: { email: 'jenny@example.com' } }).mount(root.querySelector<HTMLElement>('#la')!);
  elements.create('payment').mount(root.querySelector<HTMLElement>('#pe')!);
  fillCard(root, card);
  expect((await elements.submit()).error).to.equal(undefined);
  const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
  expect(error).to.equal(undefined);
  const res = await fetch('/api/checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId: crypto.randomUUID(), confirmationTokenId: confirmationToken!.id, item: 'tshirt', email: 'jenny@example.com' }),
  });
  expect(res.status).to.equal(200);
  return { elements, response: (await res.json()) as CheckoutResponse };
}

const dialogButton = (name: string) =>
  [...(document.querySelector('[role="dialog"]')?.querySelectorAll('button') ?? [])].find((b) => b.textContent === name);

describe('stand-in + emulator', () => {
  let stripe: Stripe;
  before(async () => {
    publishableKey = ((await (await fetch('/sandbox/test-keys')).json()) as { publishableKey: string }).publishableKey;
  });
  beforeEach(async () => {
    stripe = (await loadScript())(publishableKey);
  });

  it('the IIFE build installs window.Stripe pointing at /sandbox/stripe', async () => {
    expect((window.Stripe as unknown as { version: string }).version).to.equal('endive');
    const sandbox = (stripe as unknown as { sandbox: { apiBase: string } }).sandbox;
    expect(sandbox.apiBase).to.equal(`${location.origin}/sandbox/stripe`);
  });

  it('creates a ConfirmationToken the emulator accepts, without echoing the card number', async () => {
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment', { defaultValues: { billingDetails: { name: 'Jenny Rosen' } } }).mount(root);
    fillCard(root);
    await elements.submit();
    const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: 'https://shop.example/done' } });
    expect(error).to.equal(undefined);
    expect(confirmationToken!.id).to.match(/^ctoken_/);
    const preview = confirmationToken!.payment_method_preview as unknown as { card?: { last4?: string }; billing_details?: { name?: string } };
    expect(preview.card?.last4).to.equal('4242');
    expect(preview.billing_details?.name).to.equal('Jenny Rosen');
    expect(JSON.stringify(confirmationToken)).to.not.contain('4242424242424242');
  });

  it('4242: the server confirms, and retrievePaymentIntent sees succeeded', async () => {
    const { response } = await checkout(stripe, '4242 4242 4242 4242');
    expect(response.status).to.equal('succeeded');
    const { paymentIntent } = await stripe.retrievePaymentIntent(response.clientSecret);
    expect(paymentIntent?.status).to.equal('succeeded');
    let refusal: Error | undefined;
    await stripe.handleNextAction({ clientSecret: response.clientSecret }).catch((e: Error) => (refusal = e));
    expect(refusal?.name, 'no next action to handle').to.equal('IntegrationError');
  });

  it('3220: handleNextAction shows the 3DS page; Complete succeeds', async () => {
    const { response } = await checkout(stripe, '4000 0000 0000 3220');
    expect(response.status).to.equal('requires_action');
    const result = stripe.handleNextAction({ clientSecret: response.clientSecret });
    await waitUntil(() => dialogButton('Complete'), '3DS dialog');
    dialogButton('Complete')!.click();
    const { paymentIntent, error } = await result;
    expect(error).to.equal(undefined);
    expect(paymentIntent?.status).to.equal('succeeded');
  });

  it('3220: Fail gives payment_intent_authentication_failure', async () => {
    const { response } = await checkout(stripe, '4000 0000 0000 3220');
    const result = stripe.handleNextAction({ clientSecret: response.clientSecret });
    await waitUntil(() => dialogButton('Fail'), '3DS dialog');
    dialogButton('Fail')!.click();
    const { paymentIntent, error } = await result;
    expect(paymentIntent).to.equal(undefined);
    expect(error?.code).to.equal('payment_intent_authentication_failure');
    expect(error?.payment_intent?.status).to.equal('requires_payment_method');
  });

  it('an unknown PaymentIntent comes back as the emulator error', async () => {
    const { error } = await stripe.retrievePaymentIntent('pi_doesnotexist_secret_nope');
    expect(error?.type).to.equal('invalid_request_error');
  });
});
