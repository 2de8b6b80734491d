import { expect, fixture, html } from '@open-wc/testing';
import { newStripe } from './helpers.ts';
import { encodeForm } from '../../sandbox/stripe-js/form.ts';
import {
  luhnValid,
  validateAddress,
  validateCardNumber,
  validateCvc,
  validateEmail,
  validateExpiry,
} from '../../sandbox/stripe-js/validation.ts';

const decode = (s: string) => [...new URLSearchParams(s)];

describe('encodeForm', () => {
  it('encodes nested objects and arrays as bracketed keys, dropping null and undefined', () => {
    const s = encodeForm({ a: { b: { c: 'v' } }, expand: ['x', 'y'], n: 5, t: true, gone: null, no: undefined });
    expect(decode(s)).to.deep.equal([
      ['a[b][c]', 'v'],
      ['expand[0]', 'x'],
      ['expand[1]', 'y'],
      ['n', '5'],
      ['t', 'true'],
    ]);
  });

  it('escapes values that are special in form encoding', () => {
    expect(encodeForm({ q: 'a&b=c d' })).to.equal('q=a%26b%3Dc+d');
  });
});

describe('card validation', () => {
  it('knows Luhn-valid test cards', () => {
    expect(luhnValid('4242 4242 4242 4242')).to.equal(true);
    expect(luhnValid('4000000000003220')).to.equal(true);
    expect(luhnValid('4242424242424241')).to.equal(false);
  });

  it('gives incomplete_number, invalid_number or nothing', () => {
    expect(validateCardNumber('')?.code).to.equal('incomplete_number');
    expect(validateCardNumber('4242 4242')?.code).to.equal('incomplete_number');
    expect(validateCardNumber('4242 4242 4242 4241')?.code).to.equal('invalid_number');
    expect(validateCardNumber('4242-abcd')?.code).to.equal('invalid_number');
    expect(validateCardNumber('4242 4242 4242 4242')).to.equal(null);
    expect(validateCardNumber('378282246310005')).to.equal(null); // Amex test card, 15 digits
  });

  it('checks MM / YY expiry against today', () => {
    const now = new Date(2026, 10, 22); // November 2026
    expect(validateExpiry('', now)?.code).to.equal('incomplete_expiry');
    expect(validateExpiry('1', now)?.code).to.equal('incomplete_expiry');
    expect(validateExpiry('13 / 30', now)?.code).to.equal('invalid_expiry_month');
    expect(validateExpiry('12 / 25', now)?.code).to.equal('invalid_expiry_year_past');
    expect(validateExpiry('10 / 26', now)?.code).to.equal('invalid_expiry_month_past');
    expect(validateExpiry('11 / 26', now)).to.equal(null);
    expect(validateExpiry('0430', now)).to.equal(null);
  });

  it('wants a 3 or 4 digit CVC', () => {
    expect(validateCvc('12')?.code).to.equal('incomplete_cvc');
    expect(validateCvc('12a')?.code).to.equal('incomplete_cvc');
    expect(validateCvc('123')).to.equal(null);
    expect(validateCvc('1234')).to.equal(null);
  });
});

describe('email and address validation', () => {
  it('tells an empty email from a malformed one', () => {
    expect(validateEmail('')?.code).to.equal('incomplete_email');
    expect(validateEmail('jenny@')?.code).to.equal('email_invalid');
    expect(validateEmail('jenny rosen@example.com')?.code).to.equal('email_invalid');
    expect(validateEmail('jenny@example.com')).to.equal(null);
  });

  it('requires name, line1, city, postal code, and state where the country has states', () => {
    const full = { name: 'Jenny Rosen', line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' };
    expect(validateAddress(full)).to.deep.equal([]);
    expect(validateAddress({ ...full, name: '', state: '' }).map((e) => e.field)).to.deep.equal(['name', 'state']);
    expect(validateAddress({ ...full, country: 'FR', state: '', postal_code: '75001' })).to.deep.equal([]);
    expect(validateAddress({ ...full, postal_code: '6270' }).map((e) => e.code)).to.deep.equal(['invalid_postal_code']);
    expect(validateAddress(full, true).map((e) => e.field)).to.deep.equal(['phone']);
  });
});

describe('the stand-in inside a page form', () => {
  it('adds no named controls, so a surrounding form never submits card data (real Elements are iframes)', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><div id="pay"></div></form>`);
    const stripe = newStripe();
    const elements = stripe.elements({ mode: 'payment', amount: 100, currency: 'usd' });
    const payment = elements.create('payment');
    const address = elements.create('address', { mode: 'shipping' });
    address.mount(form.querySelector<HTMLElement>('#pay')!);
    const more = document.createElement('div');
    form.append(more);
    payment.mount(more);
    await new Promise((resolve) => payment.on('ready', resolve));
    expect([...new FormData(form).keys()]).to.deep.equal([]);
    expect(form.querySelectorAll('input, select').length).to.be.greaterThan(5);
  });
});
