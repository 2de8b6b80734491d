import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import { type FakeStripe, withFakes } from './fakes.ts';

let stripe: FakeStripe;
withFakes((fakeStripe) => {
  stripe = fakeStripe;
});

/** <div outer> #shadow <div inner> #shadow <link-checkout>: two enclosing shadow roots. */
async function nestedCheckout() {
  const outer = await fixture<HTMLDivElement>(html`<div></div>`);
  const inner = document.createElement('div');
  outer.attachShadow({ mode: 'open' }).append(inner);
  const checkout = document.createElement('link-checkout');
  checkout.item = 'tshirt';
  checkout.server = location.origin;
  inner.attachShadow({ mode: 'open' }).append(checkout);
  await oneEvent(outer, 'link-checkout-ready'); // composed: heard outside both shadow roots
  return { outer, inner, checkout };
}

describe('<link-checkout> inside shadow roots', () => {
  it('relays every mount point up to document light DOM (Stripe refuses a ShadowRoot)', async () => {
    const { outer, checkout } = await nestedCheckout();
    for (const [name, type] of [['link-authentication', 'linkAuthentication'], ['address', 'address'], ['payment', 'payment']]) {
      const target = stripe.element(type!).target!;
      expect(target.getRootNode(), name).to.equal(document);
      expect(target.parentElement).to.equal(outer);
      const slot = checkout.shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!;
      expect(slot.assignedElements({ flatten: true })).to.deep.equal([target]);
    }
  });

  it('renders the relayed Elements inside the checkout, in order', async () => {
    const { checkout } = await nestedCheckout();
    const fields = checkout.shadowRoot!.querySelector('[part="fields"]')!.getBoundingClientRect();
    const boxes = ['linkAuthentication', 'address', 'payment'].map((type) => stripe.element(type).target!.getBoundingClientRect());
    for (const box of boxes) {
      expect(box.height).to.equal(20);
      expect(box.top).to.be.at.least(fields.top);
      expect(box.bottom).to.be.at.most(fields.bottom);
    }
    expect(boxes[0]!.top).to.be.below(boxes[1]!.top);
    expect(boxes[1]!.top).to.be.below(boxes[2]!.top);
  });

  it('removes its relays and destroys the Elements when removed', async () => {
    const { outer, inner, checkout } = await nestedCheckout();
    checkout.remove();
    expect(outer.children).to.have.length(0);
    expect(inner.children).to.have.length(0);
    expect(checkout.children).to.have.length(0);
    expect(stripe.created.every((created) => created.destroyed)).to.be.true;
  });

  it('mounts again when moved into the document', async () => {
    const { checkout } = await nestedCheckout();
    const ready = oneEvent(checkout, 'link-checkout-ready');
    document.body.append(checkout);
    await ready;
    const target = stripe.element('payment').target!;
    expect(target.parentElement).to.equal(checkout as LinkCheckout);
    expect(stripe.created.filter((created) => !created.destroyed)).to.have.length(3);
    checkout.remove();
  });
});
