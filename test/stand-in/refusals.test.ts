// What Stripe.js refuses, and the sandbox with it: update() of options fixed at creation (the
// @stripe/stripe-js Update…Options types and docs.stripe.com/js/elements_object/update_* pages),
// on top of the refusals in elements.test.ts / stripe.test.ts (ShadowRoot mounts, two Elements of
// one type, deferred Elements without mode/currency, a token before submit()).
import { expect, fixture, html } from '@open-wc/testing';
import type { StripeElements } from '@stripe/stripe-js';
import { byLabel, fillCard, integrationError, newStripe, rejection } from './helpers.ts';

const payment = { mode: 'payment', amount: 1999, currency: 'usd' } as const;

describe('update() refusals', () => {
  let elements: StripeElements;
  beforeEach(() => {
    elements = newStripe().elements(payment);
  });

  it('Address Element: only fields and validation may change; mode, allowedCountries, defaultValues may not', async () => {
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = elements.create('address', { mode: 'shipping', allowedCountries: ['US'] });
    el.mount(node);
    expect(integrationError(() => el.update({ mode: 'billing' })).message).to.contain('"mode"');
    integrationError(() => el.update({ allowedCountries: ['CA'] }));
    integrationError(() => el.update({ defaultValues: { name: 'X' } }));
    expect([...byLabel<HTMLSelectElement>(node, 'Country').options].map((o) => o.value)).to.deep.equal(['US']);
    expect(elements.getElement('address', { mode: 'shipping' })).to.equal(el); // still a shipping Element
    el.update({ fields: { phone: 'always' } });
    expect(byLabel(node, 'Phone')).to.exist;
  });

  it('Payment Element: wallets and unknown keys are fixed; layout.defaultCollapsed cannot change', () => {
    const pe = elements.create('payment', { layout: { type: 'accordion', defaultCollapsed: false } });
    integrationError(() => pe.update({ wallets: { applePay: 'never' } } as never));
    integrationError(() => pe.update({ colour: 'red' } as never));
    expect(integrationError(() => pe.update({ layout: { type: 'tabs', defaultCollapsed: true } } as never)).message).to.contain('defaultCollapsed');
    pe.update({ layout: { type: 'tabs', radios: 'always' }, readOnly: true, business: { name: 'Shop' }, paymentMethodOrder: ['card'] });
  });

  it('Link Authentication Element: no option can change', () => {
    const la = elements.create('linkAuthentication', { defaultValues: { email: 'a@example.com' } });
    integrationError(() => (la as unknown as { update(o: object): void }).update({ defaultValues: { email: 'b@example.com' } }));
  });

  it('elements.update(): options outside StripeElementsUpdateOptions reject; the group keeps its options', async () => {
    for (const bad of [{ clientSecret: 'pi_1_secret_2' }, { paymentMethodCreation: 'manual' }, { loader: 'never' }, { syncAddressCheckbox: 'none' }]) {
      expect((await rejection(elements.update(bad as never))).name).to.equal('IntegrationError');
    }
    expect((elements as unknown as { options: object }).options).to.deep.equal(payment);
    await elements.update({ amount: 500, locale: 'fr', captureMethod: 'manual', customPaymentMethods: [] });
    expect((elements as unknown as { options: object }).options).to.deep.include({ amount: 500, locale: 'fr' });
  });

  it('a refused update leaves what the customer typed and submit() state untouched', async () => {
    const node = await fixture<HTMLDivElement>(html`<div></div>`);
    const pe = elements.create('payment');
    pe.mount(node);
    fillCard(node);
    expect((await elements.submit()).error).to.equal(undefined);
    integrationError(() => pe.update({ wallets: {} } as never));
    expect(byLabel(node, 'Card number').value).to.equal('4242 4242 4242 4242');
    expect((elements as unknown as { submitted: boolean }).submitted).to.equal(true);
  });
});
