// Address Element: shipping/billing mode, allowedCountries, defaultValues, fields.phone and
// validation.phone, and change events with complete / isNewAddress / elementMode.
import { expect, fixture, html } from '@open-wc/testing';
import type { StripeAddressElementChangeEvent, StripeElements } from '@stripe/stripe-js';
import { byLabel, integrationError, labels, newStripe, type } from './helpers.ts';

const US = { name: 'Jenny Rosen', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' } };

describe('Address Element', () => {
  let elements: StripeElements;
  let node: HTMLElement;
  beforeEach(async () => {
    elements = newStripe().elements({ mode: 'setup', currency: 'usd' });
    node = await fixture(html`<div></div>`);
  });

  it('requires mode shipping or billing, and keeps the two apart by autocomplete section', async () => {
    integrationError(() => elements.create('address', {} as never));
    integrationError(() => elements.create('address', { mode: 'postal' } as never));
    elements.create('address', { mode: 'billing' }).mount(node);
    expect(byLabel(node, 'Address line 1').autocomplete).to.equal('billing address-line1');
    const other = await fixture<HTMLDivElement>(html`<div></div>`);
    elements.create('address', { mode: 'shipping' }).mount(other);
    expect(byLabel(other, 'Address line 1').autocomplete).to.equal('shipping address-line1');
  });

  it('reports defaultValues as a complete change event with elementMode, on mount', async () => {
    const el = elements.create('address', { mode: 'shipping', defaultValues: US });
    const changes: StripeAddressElementChangeEvent[] = [];
    el.on('change', (e) => changes.push(e));
    el.mount(node);
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).to.have.length(1);
    expect(changes[0]).to.deep.include({ elementType: 'address', elementMode: 'shipping', empty: false, complete: true, isNewAddress: true });
    expect(changes[0]!.value).to.deep.equal({ name: 'Jenny Rosen', address: { line1: '1 Main St', line2: null, city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' } });
  });

  it('complete follows the required fields, country rules included', () => {
    const el = elements.create('address', { mode: 'billing', allowedCountries: ['US', 'GB'] });
    const changes: StripeAddressElementChangeEvent[] = [];
    el.on('change', (e) => changes.push(e));
    el.mount(node);
    type(byLabel(node, 'Full name'), 'Ann Bill');
    type(byLabel(node, 'Address line 1'), '2 High St');
    type(byLabel(node, 'City'), 'London');
    type(byLabel(node, 'ZIP'), 'SW1A 1AA');
    expect(changes.at(-1)!.complete).to.equal(false); // US needs a state, and a 5-digit ZIP
    type(byLabel<HTMLSelectElement>(node, 'Country'), 'GB');
    expect(changes.at(-1)).to.deep.include({ complete: true, elementMode: 'billing' });
    expect(changes.at(-1)!.value.address.country).to.equal('GB');
  });

  it('allowedCountries limits the country select; a default outside it falls back to the first', () => {
    elements.create('address', { mode: 'shipping', allowedCountries: ['ca', 'US'], defaultValues: { address: { country: 'FR' } } }).mount(node);
    const country = byLabel<HTMLSelectElement>(node, 'Country');
    expect([...country.options].map((o) => o.value)).to.deep.equal(['CA', 'US']);
    expect(country.value).to.equal('CA');
  });

  it("phone appears with fields.phone 'always', is required only with validation.phone.required 'always'", async () => {
    elements.create('address', { mode: 'shipping' }).mount(node);
    expect(labels(node)).to.not.include('Phone');
    const optional = await fixture<HTMLDivElement>(html`<div></div>`);
    const group = newStripe().elements({ mode: 'setup', currency: 'usd' });
    const el = group.create('address', { mode: 'shipping', fields: { phone: 'always' }, defaultValues: US });
    el.mount(optional);
    expect(byLabel(optional, 'Phone').hasAttribute('aria-required')).to.equal(false);
    expect((await el.getValue()).complete).to.equal(true);
    el.update({ validation: { phone: { required: 'always' } } });
    expect(byLabel(optional, 'Phone').getAttribute('aria-required')).to.equal('true');
    expect((await el.getValue()).complete).to.equal(false);
    expect((await group.submit()).error?.code).to.equal('incomplete_phone');
    type(byLabel(optional, 'Phone'), '+15555550100');
    const value = await el.getValue();
    expect(value).to.deep.include({ complete: true, isNewAddress: true });
    expect(value.value.phone).to.equal('+15555550100');
  });

  it('shows every defaultValues field (line2, phone, a non-first country) in its input', () => {
    const defaults = { name: 'Ann Bill', phone: '+33123456789', address: { line1: '2 Rue Haute', line2: 'Bât. B', city: 'Lyon', state: '', postal_code: '69001', country: 'FR' } };
    elements.create('address', { mode: 'billing', fields: { phone: 'always' }, defaultValues: defaults }).mount(node);
    const shown = Object.fromEntries(
      ['Full name', 'Phone', 'Address line 1', 'Address line 2', 'City', 'ZIP', 'Country'].map((l) => [l, byLabel<HTMLInputElement | HTMLSelectElement>(node, l).value]),
    );
    expect(shown).to.deep.equal({
      'Full name': 'Ann Bill',
      Phone: '+33123456789',
      'Address line 1': '2 Rue Haute',
      'Address line 2': 'Bât. B',
      City: 'Lyon',
      ZIP: '69001',
      Country: 'FR',
    });
    expect(byLabel(node, 'Phone').type).to.equal('tel');
    expect(byLabel(node, 'Phone').autocomplete).to.equal('billing tel');
  });

  it('change events carry {complete, empty, value: {name, phone, address}} as the customer types', () => {
    const el = elements.create('address', { mode: 'shipping', fields: { phone: 'always' }, validation: { phone: { required: 'always' } }, allowedCountries: ['US'] });
    const changes: StripeAddressElementChangeEvent[] = [];
    el.on('change', (e) => changes.push(e));
    el.mount(node);
    type(byLabel(node, 'Full name'), 'Jenny Rosen');
    expect(changes.at(-1)).to.deep.include({ empty: false, complete: false });
    for (const [label, value] of [['Address line 1', '1 Main St'], ['City', 'Springfield'], ['State', 'IL'], ['ZIP', '62701']]) type(byLabel(node, label!), value!);
    expect(changes.at(-1)!.complete).to.equal(false, 'the required phone is still missing');
    type(byLabel(node, 'Phone'), '+15555550100');
    const last = changes.at(-1)!;
    expect(last).to.deep.include({ elementType: 'address', elementMode: 'shipping', empty: false, complete: true });
    expect(last.value).to.deep.equal({
      name: 'Jenny Rosen',
      phone: '+15555550100',
      address: { line1: '1 Main St', line2: null, city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' },
    });
    for (const label of ['Full name', 'Address line 1', 'City', 'State', 'ZIP', 'Phone']) type(byLabel(node, label), '');
    expect(changes.at(-1)!.empty).to.equal(true);
  });
});
