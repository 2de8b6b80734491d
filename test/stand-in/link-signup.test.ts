// Link sign-up in the Payment Element, against the real emulator and product server: a shopper
// whose email is not a Link account may tick "Save my info for faster checkout with Link" and give
// a phone number; paying then creates the account, and the next visit asks for a one-time code.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { installStripeStandIn } from '../../sandbox/stripe-js/index.ts';
import { byLabel, fillCard, labels, radio, type } from './helpers.ts';

const OPT_IN = 'Save my info for faster checkout with Link';
let publishableKey: string;

async function serverCheckout(confirmationTokenId: string, email: string): Promise<Response> {
  return fetch('/api/checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId: crypto.randomUUID(), confirmationTokenId, item: 'tshirt', email }),
  });
}

async function isLinkAccount(email: string): Promise<boolean> {
  const res = await fetch('/sandbox/stripe/_sandbox/link/lookup', {
    method: 'POST',
    headers: { Authorization: `Bearer ${publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email }),
  });
  return ((await res.json()) as { registered: boolean }).registered;
}

const freshEmail = () => `shopper-${crypto.randomUUID().slice(0, 8)}@example.com`;
const optInBox = (root: ParentNode) => byLabel(root, OPT_IN);
const offered = (root: ParentNode) => !root.querySelector<HTMLElement>('.SandboxLinkOptIn')!.hidden;

describe('Link sign-up in the Payment Element (emulator)', () => {
  let stripe: Stripe;
  before(async () => {
    publishableKey = ((await (await fetch('/sandbox/test-keys')).json()) as { publishableKey: string }).publishableKey;
  });
  beforeEach(() => {
    stripe = installStripeStandIn({ apiBase: '/sandbox/stripe' })(publishableKey);
  });

  /** A group with a Link Authentication Element whose email is `email` (given as its default value). */
  async function withLinkEmail(email: string): Promise<{ elements: StripeElements; root: HTMLElement }> {
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div><div class="la"></div><div class="pay"></div></div>`);
    // Mounted by node, not by id: a test may hold two of these pages at once.
    elements.create('linkAuthentication', { defaultValues: { email } }).mount(root.querySelector<HTMLElement>('.la')!);
    elements.create('payment').mount(root.querySelector<HTMLElement>('.pay')!);
    return { elements, root };
  }

  it('a new email is offered the sign-up; ticked, it asks for a phone; paying creates the account, which the next visit signs in to', async () => {
    const email = freshEmail();
    const { elements, root } = await withLinkEmail(email);
    await waitUntil(() => offered(root), 'the Link offer');
    expect(labels(root)).to.not.include('Verification code');
    const box = optInBox(root);
    expect(box.type).to.equal('checkbox');
    expect(box.checked).to.equal(false, 'not ticked by default');
    expect(byLabel(root, 'Phone number').closest<HTMLElement>('.SandboxLinkOptIn-details')!.hidden).to.equal(true);
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    const phone = byLabel(root, 'Phone number');
    expect(phone.closest<HTMLElement>('.SandboxLinkOptIn-details')!.hidden).to.equal(false);
    expect(phone.type).to.equal('tel');
    expect(root.querySelector('.SandboxLinkOptIn')!.textContent).to.contain(email);
    fillCard(root, '4242 4242 4242 4242');
    expect((await elements.submit()).error?.code).to.equal('incomplete_phone');
    type(phone, '+1 415 555 0100');
    expect((await elements.submit()).error).to.equal(undefined);
    const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
    expect(error).to.equal(undefined);
    expect(confirmationToken!.payment_method_preview.type).to.equal('link');
    // @stripe/stripe-js 10's PaymentMethodPreview type has no `link`; the API object has (stripe@23).
    expect((confirmationToken!.payment_method_preview as { link?: { email: string } }).link?.email).to.equal(email);
    expect(await isLinkAccount(email)).to.equal(false, 'not before the payment succeeds');
    const paid = await serverCheckout(confirmationToken!.id, email);
    expect(((await paid.json()) as { status: string }).status).to.equal('succeeded');
    expect(await isLinkAccount(email)).to.equal(true);

    const next = await withLinkEmail(email);
    await waitUntil(() => labels(next.root).includes('Verification code'), 'the code step on the next visit');
    expect(offered(next.root)).to.equal(false);
    type(byLabel(next.root, 'Verification code'), '123456');
    await waitUntil(() => labels(next.root).includes('Visa •••• 4242'), 'the saved Link method');
    expect(radio(next.root, 'Visa •••• 4242').checked).to.equal(true);
  });

  it('the Payment Element\'s own Email field: looked up on change; a Link email is not offered the sign-up; an unticked box pays by card', async () => {
    const elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('payment').mount(root);
    const email = byLabel(root, 'Email');
    type(email, 'link-demo@example.com');
    email.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 100));
    expect(offered(root)).to.equal(false, 'already a Link account');
    const fresh = freshEmail();
    fillCard(root, '4242 4242 4242 4242', { email: fresh });
    email.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => offered(root), 'the Link offer for a new email');
    expect((await elements.submit()).error).to.equal(undefined);
    const { confirmationToken } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
    expect(confirmationToken!.payment_method_preview.type).to.equal('card');
    expect(await isLinkAccount(fresh)).to.equal(false);
  });

  it('a sign-up whose card is declined leaves no Link account', async () => {
    const email = freshEmail();
    const { elements, root } = await withLinkEmail(email);
    await waitUntil(() => offered(root), 'the Link offer');
    optInBox(root).checked = true;
    optInBox(root).dispatchEvent(new Event('change', { bubbles: true }));
    type(byLabel(root, 'Phone number'), '4155550100');
    fillCard(root, '4000 0000 0000 0002');
    await elements.submit();
    const { confirmationToken } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
    await serverCheckout(confirmationToken!.id, email);
    expect(await isLinkAccount(email)).to.equal(false);
  });
});
