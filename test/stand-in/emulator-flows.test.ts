// Stand-in flows against the real emulator and product server (hosted in-process by
// web-test-runner.config.mjs): Link sign-in with the seeded account, its saved card through a
// ConfirmationToken the server charges, and confirmPayment with the publishable-key confirm route.
// Intents come from the product server's /api/checkout (the browser never holds a secret key).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import type { CheckoutResponse } from '../../protocol/index.ts';
import { installStripeStandIn, setNavigate } from '../../sandbox/stripe-js/index.ts';
import { byLabel, fillCard, labels, type } from './helpers.ts';

const LINK_EMAIL = 'link-demo@example.com';
let publishableKey: string;

async function serverCheckout(confirmationTokenId: string): Promise<CheckoutResponse> {
  const res = await fetch('/api/checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId: crypto.randomUUID(), confirmationTokenId, item: 'tshirt', email: 'jenny@example.com' }),
  });
  expect(res.status).to.equal(200);
  return (await res.json()) as CheckoutResponse;
}

const dialogButton = (name: string) =>
  [...(document.querySelector('[role="dialog"]')?.querySelectorAll('button') ?? [])].find((b) => b.textContent === name);

describe('stand-in flows on the emulator', () => {
  let stripe: Stripe;
  let navigated: string[];
  before(async () => {
    publishableKey = ((await (await fetch('/sandbox/test-keys')).json()) as { publishableKey: string }).publishableKey;
  });
  beforeEach(() => {
    stripe = installStripeStandIn({ apiBase: '/sandbox/stripe' })(publishableKey);
    navigated = [];
    setNavigate((url) => navigated.push(url));
  });
  afterEach(() => setNavigate(null));

  /** A PaymentIntent in requires_action (3DS card), whose client secret the page may confirm again. */
  async function pendingIntent(): Promise<CheckoutResponse> {
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    fillCard(root, '4000 0000 0000 3220');
    await elements.submit();
    const { confirmationToken } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
    const response = await serverCheckout(confirmationToken!.id);
    expect(response.status).to.equal('requires_action');
    return response;
  }

  async function linkSignIn(code: string): Promise<{ elements: StripeElements; root: HTMLElement }> {
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div><div id="la"></div><div id="ship"></div><div id="pay"></div></div>`);
    elements.create('linkAuthentication', { defaultValues: { email: LINK_EMAIL } }).mount('#la');
    elements.create('address', { mode: 'shipping' }).mount('#ship');
    elements.create('payment').mount('#pay');
    await waitUntil(() => labels(root).includes('Verification code'), 'code step');
    type(byLabel(root, 'Verification code'), code);
    return { elements, root };
  }

  it('Link: the seeded account asks for a code; 000001/000002/000003 fail as documented', async () => {
    const { root } = await linkSignIn('000001');
    const input = byLabel(root, 'Verification code');
    const status = document.getElementById(input.getAttribute('aria-describedby')!)!;
    await waitUntil(() => /invalid/i.test(status.textContent!), 'invalid');
    type(input, '000002');
    await waitUntil(() => /expired/i.test(status.textContent!), 'expired');
    type(input, '000003');
    await waitUntil(() => /maximum attempts/i.test(status.textContent!), 'max attempts');
    expect(input.disabled).to.equal(true);
  });

  it('Link: a good code fills shipping and the saved card; the server charges the token built from it', async () => {
    const { elements, root } = await linkSignIn('123456');
    await waitUntil(() => labels(root).includes('Visa •••• 4242'), 'saved card');
    expect(byLabel(root, 'Address line 1').value).to.equal('354 Oyster Point Blvd');
    expect(byLabel(root, 'ZIP').value).to.equal('94080');
    expect((await elements.submit()).error).to.equal(undefined);
    const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
    expect(error).to.equal(undefined);
    // Paying with Link makes a `link` PaymentMethod; its funding card stays with Link.
    const preview = confirmationToken!.payment_method_preview;
    expect(preview.type).to.equal('link');
    expect((preview as { link?: { email: string } }).link?.email).to.equal('link-demo@example.com');
    expect(preview.card).to.equal(undefined);
    expect(confirmationToken!.shipping?.address?.line1).to.equal('354 Oyster Point Blvd');
    expect((await serverCheckout(confirmationToken!.id)).status).to.equal('succeeded');
  });

  it('Link: confirmPayment pays an intent with the Link card (pk confirm with a payment_method token)', async () => {
    const { clientSecret, paymentIntentId } = await pendingIntent();
    const { elements, root } = await linkSignIn('654321');
    await waitUntil(() => labels(root).includes('Visa •••• 4242'), 'saved card');
    await elements.submit();
    const { paymentIntent, error } = await stripe.confirmPayment({ elements, clientSecret, redirect: 'if_required' });
    expect(error).to.equal(undefined);
    expect(paymentIntent).to.deep.include({ id: paymentIntentId, status: 'succeeded' });
  });

  it("confirmPayment redirect 'if_required' confirms with the pk + client secret and resolves the intent", async () => {
    const { clientSecret, paymentIntentId } = await pendingIntent();
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    fillCard(root, '4242 4242 4242 4242');
    await elements.submit();
    const { paymentIntent, error } = await stripe.confirmPayment({ elements, clientSecret, redirect: 'if_required' });
    expect(error).to.equal(undefined);
    expect(paymentIntent).to.deep.include({ id: paymentIntentId, status: 'succeeded' });
    expect((await stripe.retrievePaymentIntent(clientSecret)).paymentIntent?.status).to.equal('succeeded');
    expect(navigated).to.deep.equal([]);
  });

  it('confirmPayment (redirect always) runs 3DS, then navigates to return_url with the intent and redirect_status', async () => {
    const { clientSecret, paymentIntentId } = await pendingIntent();
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    fillCard(root, '4000 0000 0000 3220');
    await elements.submit();
    void stripe.confirmPayment({ elements, clientSecret, confirmParams: { return_url: `${location.origin}/thanks` } });
    await waitUntil(() => dialogButton('Complete'), '3DS dialog');
    dialogButton('Complete')!.click();
    await waitUntil(() => navigated.length === 1, 'navigation');
    const url = new URL(navigated[0]!);
    expect(url.pathname).to.equal('/thanks');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({ payment_intent: paymentIntentId, payment_intent_client_secret: clientSecret, redirect_status: 'succeeded' });
  });

  it('confirmPayment passes a decline through as {error}; a wrong client secret is the emulator error too', async () => {
    const { clientSecret } = await pendingIntent();
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    fillCard(root, '4000 0000 0000 0002');
    await elements.submit();
    const declined = await stripe.confirmPayment({ elements, clientSecret, redirect: 'if_required' });
    expect(declined.error).to.deep.include({ type: 'card_error', code: 'card_declined' });
    const id = clientSecret.slice(0, clientSecret.indexOf('_secret_'));
    expect((await stripe.retrievePaymentIntent(`${id}_secret_wrong`)).error?.type).to.equal('invalid_request_error');
  });
});
