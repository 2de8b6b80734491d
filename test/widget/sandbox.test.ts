// The element against the real server and the Stripe.js stand-in, which web-test-runner.config.mjs
// hosts at /api/* and /sandbox/*: the browser-level check that the stand-in's own rules (no
// ShadowRoot mounts, submit before token) accept what the widget does, relay included.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import type { ErrorDetail, SuccessDetail } from '../../protocol/index.ts';

/** Types into the stand-in's field with this label, as a customer would. */
function fill(label: string, value: string) {
  const control = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)?.control;
  if (!(control instanceof HTMLInputElement)) throw new Error(`no input labelled ${label}`);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

function fillCheckout(card: string) {
  fill('Address line 1', '354 Oyster Point Blvd');
  fill('City', 'South San Francisco');
  fill('State', 'CA');
  fill('ZIP', '94080');
  fill('Card number', card);
  fill('Expiration date', '12 / 34');
  fill('Security code', '123');
}

/** A checkout two shadow roots deep, so the relay is exercised against the stand-in too. */
async function nestedCheckout(item: string) {
  const outer = await fixture<HTMLDivElement>(html`<div></div>`);
  const inner = document.createElement('div');
  outer.attachShadow({ mode: 'open' }).append(inner);
  const checkout = document.createElement('link-checkout') as LinkCheckout;
  checkout.setAttribute('customer-email', 'jenny@example.com');
  checkout.setAttribute('customer-name', 'Jenny Rosen');
  inner.attachShadow({ mode: 'open' }).append(checkout);
  const ready = oneEvent(outer, 'link-checkout-ready');
  checkout.item = item;
  await ready;
  await checkout.updateComplete;
  return checkout;
}

const pay = (checkout: LinkCheckout) => checkout.shadowRoot!.querySelector<HTMLButtonElement>('[part="pay-button"]')!;

describe('<link-checkout> on the sandbox', () => {
  it('pays with 4242 from inside two shadow roots', async () => {
    const checkout = await nestedCheckout('tshirt');
    expect(checkout.shadowRoot!.querySelector('[part="badge"]')!.textContent).to.equal('Sandbox');
    expect(pay(checkout).textContent!.trim()).to.equal('Pay $25.00');
    fillCheckout('4242 4242 4242 4242');
    const success = oneEvent(checkout, 'link-checkout-success');
    pay(checkout).click();
    const { detail } = (await success) as CustomEvent<SuccessDetail>;
    expect(detail.paymentIntentId).to.match(/^pi_/);
    expect(detail.orderId).to.be.a('string').and.not.empty;
    await checkout.updateComplete;
    expect(checkout.getAttribute('state')).to.equal('succeeded');
  });

  it('shows a decline, then a retry with another card pays', async () => {
    const checkout = await nestedCheckout('mug');
    fillCheckout('4000 0000 0000 0002');
    const failed = oneEvent(checkout, 'link-checkout-error');
    pay(checkout).click();
    const { detail } = (await failed) as CustomEvent<ErrorDetail>;
    expect(detail).to.include({ type: 'card_error', code: 'card_declined' });
    await checkout.updateComplete;
    expect(checkout.getAttribute('state')).to.equal('failed');
    expect(checkout.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.match(/declined/i);

    fill('Card number', '4242 4242 4242 4242');
    const success = oneEvent(checkout, 'link-checkout-success');
    pay(checkout).click();
    await success;
  });

  it('reports an unknown item from the server as a load error', async () => {
    const checkout = await fixture<LinkCheckout>(html`<link-checkout></link-checkout>`);
    const failed = oneEvent(checkout, 'link-checkout-error');
    checkout.item = 'no-such-item';
    const { detail } = (await failed) as CustomEvent<ErrorDetail>;
    expect(detail.type).to.equal('invalid_request_error');
    await checkout.updateComplete;
    expect(checkout.getAttribute('state')).to.equal('error');
    expect(checkout.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(detail.message);
  });
});
