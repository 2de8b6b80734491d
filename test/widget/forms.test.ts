import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';
import { payButton } from './harness.ts';
import { type FakeStripe, withFakes } from './fakes.ts';

let stripe: FakeStripe;
withFakes((fakeStripe) => {
  stripe = fakeStripe;
});

async function formWithCheckout(attributes = 'required') {
  const form = await fixture<HTMLFormElement>(html`<form></form>`);
  form.innerHTML = `<input name="note" value="hi"><link-checkout name="order" item="tshirt" server="${location.origin}" ${attributes}></link-checkout>`;
  const element = form.querySelector('link-checkout') as LinkCheckout;
  await oneEvent(element, 'link-checkout-ready');
  await element.updateComplete;
  return { form, element };
}

describe('<link-checkout> in a form', () => {
  it('is a form field: required keeps the form invalid until paid; then its value is the order id', async () => {
    const { form, element } = await formWithCheckout();
    expect(element.form).to.equal(form);
    expect(form.checkValidity()).to.be.false;
    expect(element.checkValidity()).to.be.false;
    expect(new FormData(form).get('order')).to.equal(null);
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    await element.updateComplete;
    expect(element.value).to.equal('ord_1');
    expect(new FormData(form).get('order')).to.equal('ord_1');
    expect(form.checkValidity()).to.be.true;
  });

  it('without required, the form is valid before payment', async () => {
    const { form } = await formWithCheckout('');
    expect(form.checkValidity()).to.be.true;
  });

  it('disabled, or in a disabled fieldset, nothing can be paid and the Payment Element is read-only', async () => {
    const { form, element } = await formWithCheckout('disabled');
    expect(payButton(element).disabled).to.be.true;
    expect(stripe.element('payment').updates).to.deep.include({ readOnly: true });
    await element.pay();
    expect(stripe.log).not.to.include('submit');
    element.disabled = false;
    await waitUntil(() => !payButton(element).disabled, 'enabled again');
    const fieldset = document.createElement('fieldset');
    form.append(fieldset);
    fieldset.append(element);
    fieldset.disabled = true;
    await waitUntil(() => payButton(element)?.disabled, 'disabled by the fieldset');
  });

  it('form.reset() clears the value and starts a fresh checkout', async () => {
    const { form, element } = await formWithCheckout();
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    const ready = oneEvent(element, 'link-checkout-ready');
    form.reset();
    await ready;
    await element.updateComplete;
    expect(element.value).to.equal('');
    expect(element.getAttribute('state')).to.equal('ready');
    expect(new FormData(form).get('order')).to.equal(null);
    expect(form.checkValidity()).to.be.false;
  });
});
