import { expect, fixture, html } from '@open-wc/testing';
import type { StripeElements } from '@stripe/stripe-js';
import { byLabel, newStripe, nextTick, type } from './helpers.ts';

const payment = { mode: 'payment', amount: 1999, currency: 'usd' } as const;

function integrationError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    expect((e as Error).name).to.equal('IntegrationError');
    return e as Error;
  }
  throw new Error('expected an IntegrationError');
}

describe('stripe.elements() (deferred mode)', () => {
  it('throws IntegrationError without mode, currency, or amount (payment/subscription)', () => {
    const stripe = newStripe();
    expect(integrationError(() => stripe.elements({} as never)).message).to.contain('mode');
    expect(integrationError(() => stripe.elements({ mode: 'payment', amount: 100 } as never)).message).to.contain('currency');
    expect(integrationError(() => stripe.elements({ mode: 'subscription', currency: 'usd' } as never)).message).to.contain('amount');
    expect(integrationError(() => stripe.elements({ mode: 'refund', currency: 'usd' } as never)).message).to.contain('mode');
  });

  it('accepts setup mode without an amount and keeps the other options', () => {
    const stripe = newStripe();
    const elements = stripe.elements({ mode: 'setup', currency: 'eur', locale: 'fr', appearance: { theme: 'night' } });
    expect((elements as unknown as { options: object }).options).to.deep.include({ mode: 'setup', currency: 'eur', locale: 'fr' });
  });

  it('update() merges options, still validated, and fires update-end', async () => {
    const elements = newStripe().elements(payment);
    let ended = 0;
    elements.on('update-end', () => ended++);
    await elements.update({ amount: 2500, appearance: { theme: 'flat' } });
    await nextTick();
    expect((elements as unknown as { options: object }).options).to.deep.include({ amount: 2500, currency: 'usd', mode: 'payment' });
    expect(ended).to.equal(1);
    let threw: unknown;
    await elements.update({ currency: '' }).catch((e) => (threw = e));
    expect((threw as Error).name).to.equal('IntegrationError');
    expect(await elements.fetchUpdates()).to.deep.equal({});
  });

  it('refuses a second Element of the same type, but allows shipping and billing Address Elements', () => {
    const elements = newStripe().elements(payment);
    const pe = elements.create('payment');
    integrationError(() => elements.create('payment'));
    const shipping = elements.create('address', { mode: 'shipping' });
    const billing = elements.create('address', { mode: 'billing' });
    integrationError(() => elements.create('address', { mode: 'shipping' }));
    expect(elements.getElement('payment')).to.equal(pe);
    expect(elements.getElement('address', { mode: 'billing' })).to.equal(billing);
    expect(elements.getElement('address', { mode: 'shipping' })).to.equal(shipping);
    expect(elements.getElement('linkAuthentication')).to.equal(null);
    pe.destroy();
    expect(elements.getElement('payment')).to.equal(null);
    elements.create('payment'); // allowed again once destroyed
  });
});

describe('Element mounting and rendering', () => {
  let elements: StripeElements;
  beforeEach(() => {
    elements = newStripe().elements(payment);
  });

  it('refuses a mount target inside a ShadowRoot, pointing to the light DOM', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const inner = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(inner);
    const err = integrationError(() => elements.create('payment').mount(inner));
    expect(err.message).to.contain('light DOM');
    expect(inner.childElementCount).to.equal(0);
  });

  it('refuses a selector that matches nothing', () => {
    integrationError(() => elements.create('payment').mount('#does-not-exist'));
  });

  it('renders labelled inputs inside the mount node, with defaultValues, and fires ready asynchronously', async () => {
    const node = await fixture<HTMLDivElement>(html`<div id="link-auth"></div>`);
    const el = elements.create('linkAuthentication', { defaultValues: { email: 'jenny@example.com' } });
    const events: string[] = [];
    el.on('ready', (e) => events.push(`ready:${e.elementType}`));
    el.on('change', (e) => events.push(`change:${e.value.email}`));
    el.mount('#link-auth');
    expect(events).to.deep.equal([]); // not synchronously
    const email = byLabel(node, 'Email');
    expect(email.type).to.equal('email');
    expect(email.value).to.equal('jenny@example.com');
    expect(node.classList.contains('StripeElement')).to.equal(true);
    await nextTick();
    expect(events).to.deep.equal(['ready:linkAuthentication', 'change:jenny@example.com']);
  });

  it('renders the Address Element fields with defaults and a country select from allowedCountries', async () => {
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    elements
      .create('address', {
        mode: 'shipping',
        allowedCountries: ['US', 'CA'],
        fields: { phone: 'always' },
        defaultValues: { name: 'Jenny Rosen', phone: '+15555550100', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'CA' } },
      })
      .mount(node);
    expect(byLabel(node, 'Full name').value).to.equal('Jenny Rosen');
    expect(byLabel(node, 'Address line 1').value).to.equal('1 Main St');
    expect(byLabel(node, 'Address line 2').value).to.equal('');
    expect(byLabel(node, 'City').value).to.equal('Springfield');
    expect(byLabel(node, 'State').value).to.equal('IL');
    expect(byLabel(node, 'ZIP').value).to.equal('62701');
    expect(byLabel(node, 'Phone').value).to.equal('+15555550100');
    const country = byLabel<HTMLSelectElement>(node, 'Country');
    expect(country.tagName).to.equal('SELECT');
    expect([...country.options].map((o) => o.value)).to.deep.equal(['US', 'CA']);
    expect(country.value).to.equal('CA');
  });

  it('renders the card fields and reports change events with empty/complete and state classes', async () => {
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    // The page passes the email itself, so the Payment Element has card fields only.
    const pe = elements.create('payment', { fields: { billingDetails: { email: 'never' } } });
    const changes: Array<{ empty: boolean; complete: boolean; type: string }> = [];
    pe.on('change', (e) => changes.push({ empty: e.empty, complete: e.complete, type: e.value.type }));
    pe.mount(node);
    expect(node.classList.contains('StripeElement--empty')).to.equal(true);
    type(byLabel(node, 'Card number'), '4242 4242 4242 4242');
    type(byLabel(node, 'Expiration date'), '12 / 40');
    expect(byLabel(node, 'Expiration date').placeholder).to.equal('MM / YY');
    type(byLabel(node, 'Security code'), '123');
    expect(changes.map((c) => c.complete)).to.deep.equal([false, false, true]);
    expect(changes[0]).to.deep.equal({ empty: false, complete: false, type: 'card' });
    expect(node.classList.contains('StripeElement--complete')).to.equal(true);
    expect(node.classList.contains('StripeElement--empty')).to.equal(false);
    pe.clear();
    expect(byLabel(node, 'Card number').value).to.equal('');
    expect(changes.at(-1)).to.deep.equal({ empty: true, complete: false, type: 'card' });
  });

  it('reports focus and blur, and off()/once() detach handlers', async () => {
    const node = await fixture<HTMLDivElement>(html`<div><button id="outside">x</button><div id="m"></div></div>`);
    const el = elements.create('linkAuthentication');
    const seen: string[] = [];
    const onFocus = () => seen.push('focus');
    el.on('focus', onFocus).on('blur', () => seen.push('blur'));
    el.once('change', () => seen.push('change-once'));
    el.mount(node.querySelector<HTMLElement>('#m')!);
    el.focus();
    node.querySelector<HTMLButtonElement>('#outside')!.focus();
    el.off('focus', onFocus);
    el.focus();
    type(byLabel(node, 'Email'), 'a');
    type(byLabel(node, 'Email'), 'ab');
    expect(seen).to.deep.equal(['focus', 'blur', 'change-once']);
  });

  it('applies appearance variables, and elements.update({appearance}) restyles mounted Elements', async () => {
    const group = newStripe().elements({ ...payment, appearance: { variables: { colorDanger: 'rgb(200, 0, 0)' } } });
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    group.create('payment').mount(node);
    const container = node.querySelector<HTMLElement>('.SandboxElement')!;
    expect(container.style.getPropertyValue('--sbx-danger')).to.equal('rgb(200, 0, 0)');
    await group.update({ appearance: { theme: 'night', variables: { colorDanger: 'rgb(0, 0, 200)' } } });
    expect(container.style.getPropertyValue('--sbx-danger')).to.equal('rgb(0, 0, 200)');
    expect(container.style.getPropertyValue('--sbx-bg')).to.equal('#30313d');
  });

  it('unmount() removes the fields; destroy() makes the Element unusable', async () => {
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = elements.create('payment');
    el.mount(node);
    el.unmount();
    expect(node.querySelector('input')).to.equal(null);
    expect(node.className).to.equal('');
    el.mount(node); // can mount again after unmount
    el.destroy();
    expect(node.querySelector('input')).to.equal(null);
    integrationError(() => el.mount(node));
  });
});
