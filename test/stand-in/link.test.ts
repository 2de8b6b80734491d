// Link Authentication Element one-time-code login, against a stubbed emulator (the contract of
// /_sandbox/link/lookup and /verify in sandbox/README.md). The emulator-backed run is in
// link-emulator.test.ts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Stripe, StripeAddressElementChangeEvent, StripeElements, StripePaymentElementChangeEvent } from '@stripe/stripe-js';
import { byLabel, choose, labels, newStripe, PK, radio, stubFetch, type, type Call } from './helpers.ts';

const EMAIL = 'link-demo@example.com';
const ACCOUNT = {
  email: EMAIL,
  name: 'Jenny Rosen',
  phone: '+15555550123',
  shipping: { name: 'Jenny Rosen', address: { line1: '354 Oyster Point Blvd', line2: null, city: 'South San Francisco', state: 'CA', postal_code: '94080', country: 'US' } },
  payment_method: { id: 'pm_link_1', type: 'link', link: { email: EMAIL }, billing_details: { email: EMAIL, name: 'Jenny Rosen' } },
  funding: { type: 'card', brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 },
};
const CODE_ERRORS: Record<string, { code: string; message: string }> = {
  '000001': { code: 'verification_code_invalid', message: 'The verification code is invalid.' },
  '000002': { code: 'verification_code_expired', message: 'The verification code has expired.' },
  '000003': { code: 'verification_max_attempts_exceeded', message: 'Maximum verification attempts exceeded.' },
};

function linkRoutes(call: Call) {
  if (call.url.endsWith('/_sandbox/link/lookup')) return { json: { registered: call.body.get('email') === EMAIL } };
  if (call.url.endsWith('/_sandbox/link/verify')) {
    const err = CODE_ERRORS[call.body.get('code') ?? ''];
    return err ? { status: 400, json: { error: { type: 'invalid_request_error', ...err } } } : { json: ACCOUNT };
  }
  if (call.url.endsWith('/v1/confirmation_tokens')) return { json: { id: 'ctoken_link' } };
  return { status: 404, json: { error: { type: 'invalid_request_error', message: 'no route' } } };
}

const codeInput = (root: ParentNode) => byLabel(root, 'Verification code');
const statusOf = (input: HTMLInputElement) => document.getElementById(input.getAttribute('aria-describedby')!)!;

describe('Link Authentication Element: one-time-code login', () => {
  let stripe: Stripe;
  let elements: StripeElements;
  let root: HTMLElement;
  let fetchStub: ReturnType<typeof stubFetch>;

  beforeEach(async () => {
    fetchStub = stubFetch(linkRoutes);
    stripe = newStripe('/sandbox/stripe');
    elements = stripe.elements({ mode: 'payment', amount: 2500, currency: 'usd' });
    root = await fixture(html`<div><div id="la"></div><div id="ship"></div><div id="pay"></div></div>`);
  });
  afterEach(() => fetchStub.restore());

  const mountAll = (email?: string) => {
    const la = elements.create('linkAuthentication', email ? { defaultValues: { email } } : {});
    la.mount('#la');
    const address = elements.create('address', { mode: 'shipping' });
    address.mount('#ship');
    const payment = elements.create('payment');
    payment.mount('#pay');
    return { la, address, payment };
  };

  it('asks a registered default email for a 6-digit code, accessibly, after looking it up with the pk', async () => {
    mountAll(EMAIL);
    await waitUntil(() => labels(root).includes('Verification code'), 'code step');
    const lookup = fetchStub.calls.find((c) => c.url.endsWith('/_sandbox/link/lookup'))!;
    expect(`${lookup.method} ${lookup.url}`).to.equal('POST /sandbox/stripe/_sandbox/link/lookup');
    expect(lookup.headers.Authorization).to.equal(`Bearer ${PK}`);
    expect(lookup.body.get('email')).to.equal(EMAIL);
    const input = codeInput(root);
    expect(input.inputMode).to.equal('numeric');
    expect(input.pattern).to.equal('\\d{6}');
    expect(input.autocomplete).to.equal('one-time-code');
    const status = statusOf(input);
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent).to.contain('6-digit');
    // Honest about the sandbox: it says no code is sent.
    expect(root.querySelector('#la')!.textContent).to.contain('no code is sent');
  });

  it('does not ask an unregistered email, and checks a typed email when the field changes (blur)', async () => {
    const { la } = mountAll('jenny@example.com');
    await waitUntil(() => fetchStub.calls.length === 1, 'lookup');
    expect(labels(root)).to.not.include('Verification code');
    const seen: string[] = [];
    la.on('change', (e) => seen.push(e.value.email));
    const email = byLabel(root, 'Email');
    type(email, EMAIL);
    expect(seen).to.deep.equal([EMAIL]); // the change event carries value.email
    expect(fetchStub.calls).to.have.length(1); // no lookup while typing
    email.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => labels(root).includes('Verification code'), 'code step after blur');
    type(email, 'someone@example.com'); // editing the email drops the step
    expect(labels(root)).to.not.include('Verification code');
  });

  it('000001, 000002 and 000003 show invalid, expired and max-attempts errors; 000003 locks the entry', async () => {
    mountAll(EMAIL);
    await waitUntil(() => labels(root).includes('Verification code'), 'code step');
    const input = codeInput(root);
    const status = statusOf(input);
    type(input, '000001');
    await waitUntil(() => /invalid/i.test(status.textContent!), 'invalid');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.disabled).to.equal(false);
    type(input, '000002');
    await waitUntil(() => /expired/i.test(status.textContent!), 'expired');
    type(input, '000003');
    await waitUntil(() => /maximum attempts/i.test(status.textContent!), 'max attempts');
    expect(input.disabled).to.equal(true);
    const verifies = fetchStub.calls.filter((c) => c.url.endsWith('/_sandbox/link/verify')).map((c) => Object.fromEntries(c.body));
    expect(verifies).to.deep.equal(['000001', '000002', '000003'].map((code) => ({ email: EMAIL, code })));
    expect(byLabel(root, 'Card number').value).to.equal('');
  });

  it('any other 6 digits log in: the shipping address and saved card are filled, complete, and the token uses the pm', async () => {
    const { address, payment } = mountAll(EMAIL);
    const addressChanges: StripeAddressElementChangeEvent[] = [];
    const paymentChanges: StripePaymentElementChangeEvent[] = [];
    address.on('change', (e) => addressChanges.push(e));
    payment.on('change', (e) => paymentChanges.push(e));
    await waitUntil(() => labels(root).includes('Verification code'), 'code step');
    type(codeInput(root), '12345'); // not yet six digits: nothing sent
    expect(fetchStub.calls.filter((c) => c.url.endsWith('/verify'))).to.have.length(0);
    type(codeInput(root), '123456');
    await waitUntil(() => root.querySelector('#la')!.textContent!.includes('Signed in to Link'), 'signed in');
    expect(labels(root)).to.not.include('Verification code');

    expect(byLabel(root, 'Full name').value).to.equal('Jenny Rosen');
    expect(byLabel(root, 'Address line 1').value).to.equal('354 Oyster Point Blvd');
    expect(byLabel<HTMLSelectElement>(root, 'Country').value).to.equal('US');
    const a = addressChanges.at(-1)!;
    expect(a).to.deep.include({ complete: true, isNewAddress: false, empty: false });
    expect(a.value.address).to.deep.include({ city: 'South San Francisco', state: 'CA', postal_code: '94080' });

    const saved = radio(root, 'Visa •••• 4242');
    expect(saved.checked).to.equal(true);
    expect(document.getElementById(saved.getAttribute('aria-describedby')!)!.textContent).to.equal('Saved in Link');
    expect(root.querySelector<HTMLElement>('#pay .SandboxNewCard')!.hidden).to.equal(true);
    const p = paymentChanges.at(-1)!;
    expect(p).to.deep.include({ complete: true, empty: false });
    expect(p.value.type).to.equal('link', 'Stripe.js reports Link as the selected type');
    expect(p.value.payment_method?.id).to.equal('pm_link_1');
    expect(p.value.payment_method?.type).to.equal('link');

    expect(await elements.submit()).to.deep.equal({ selectedPaymentMethod: 'link' });
    await stripe.createConfirmationToken({ elements });
    const body = Object.fromEntries(fetchStub.calls.at(-1)!.body);
    expect(body.payment_method).to.equal('pm_link_1');
    expect(Object.keys(body).some((k) => k.startsWith('payment_method_data'))).to.equal(false);
    expect(body).to.deep.include({ 'shipping[name]': 'Jenny Rosen', 'shipping[address][line1]': '354 Oyster Point Blvd' });

    // Editing the filled address makes it a new one again.
    type(byLabel(root, 'Address line 2'), 'Suite 5');
    expect(addressChanges.at(-1)!.isNewAddress).to.equal(true);
  });

  it('"Use another card" goes back to the card fields and card data', async () => {
    const { payment } = mountAll(EMAIL);
    await waitUntil(() => labels(root).includes('Verification code'), 'code step');
    type(codeInput(root), '424242');
    await waitUntil(() => labels(root).includes('Visa •••• 4242'), 'saved card');
    const changes: StripePaymentElementChangeEvent[] = [];
    payment.on('change', (e) => changes.push(e));
    choose(radio(root, 'Use another card'));
    expect(root.querySelector<HTMLElement>('#pay .SandboxNewCard')!.hidden).to.equal(false);
    expect(changes.at(-1)).to.deep.include({ complete: false });
    expect(changes.at(-1)!.value.payment_method).to.equal(undefined);
    expect((await elements.submit()).error?.code).to.equal('incomplete_number');
    type(byLabel(root, 'Card number'), '4242 4242 4242 4242');
    type(byLabel(root, 'Expiration date'), '12 / 40');
    type(byLabel(root, 'Security code'), '123');
    await elements.submit();
    await stripe.createConfirmationToken({ elements });
    const body = Object.fromEntries(fetchStub.calls.at(-1)!.body);
    expect(body['payment_method_data[card][number]']).to.equal('4242424242424242');
    expect(body.payment_method).to.equal(undefined);
  });

  it('changing the email after login drops the Link card from the Payment Element', async () => {
    const { payment } = mountAll(EMAIL);
    await waitUntil(() => labels(root).includes('Verification code'), 'code step');
    type(codeInput(root), '999 999'); // pasted with a space
    await waitUntil(() => labels(root).includes('Visa •••• 4242'), 'saved card');
    const changes: StripePaymentElementChangeEvent[] = [];
    payment.on('change', (e) => changes.push(e));
    type(byLabel(root, 'Email'), 'other@example.com');
    expect(labels(root)).to.not.include('Visa •••• 4242');
    expect(root.querySelector('#pay fieldset')).to.equal(null);
    expect(root.querySelector<HTMLElement>('#pay .SandboxNewCard')!.hidden).to.equal(false);
    expect(changes.at(-1)).to.deep.include({ complete: false });
    expect(root.querySelector('#la')!.textContent).to.not.contain('Signed in to Link');
  });
});
