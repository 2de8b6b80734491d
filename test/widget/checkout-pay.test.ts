import { expect, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import { liveRegion, payButton, readyCheckout } from './harness.ts';
import type { ErrorDetail, SuccessDetail } from '../../protocol/index.ts';
import { PAID, deferred, json, type FakeStripe, type FetchStub, withFakes } from './fakes.ts';

let stripe: FakeStripe;
let server: FetchStub;

withFakes((fakeStripe, fakeServer) => {
  stripe = fakeStripe;
  server = fakeServer;
});

describe('<link-checkout> paying', () => {
  it('runs submit → createConfirmationToken → POST /api/checkout → handleNextAction, then succeeds', async () => {
    server.routes['POST /api/checkout'] = () => json({ ...PAID, status: 'requires_action' });
    const element = await readyCheckout();
    stripe.log.length = 0;
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    const event = (await success) as CustomEvent<SuccessDetail>;

    expect(stripe.log).to.deep.equal(['submit', 'createConfirmationToken', 'POST /api/checkout', `handleNextAction ${PAID.clientSecret}`]);
    expect(stripe.tokenParams?.return_url).to.equal(location.href);
    expect(event.detail).to.deep.equal({ orderId: 'ord_1', mode: 'payment', status: 'paid', paymentIntentId: 'pi_test_1' });
    expect(event.bubbles && event.composed).to.be.true;
    const [body] = server.checkouts;
    expect(body).to.include({ confirmationTokenId: 'ctoken_test_1', item: 'tshirt', email: 'jenny@example.com' });
    expect(body.attemptId).to.match(/^[0-9a-f-]{36}$/);
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('succeeded');
    expect(liveRegion(element).textContent).to.contain('ord_1');
    expect(payButton(element).disabled).to.be.true;
  });

  it('does not call handleNextAction when the server already succeeded, and sends the email typed into Link', async () => {
    const element = await readyCheckout();
    stripe.element('linkAuthentication').emit('change', { elementType: 'linkAuthentication', complete: true, empty: false, value: { email: 'typed@example.com' } });
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(stripe.log.some((call) => call.startsWith('handleNextAction'))).to.be.false;
    expect(server.checkouts[0].email).to.equal('typed@example.com');
  });

  it('shows a declined card in the live region, fires link-checkout-error, and a retry with another card works', async () => {
    server.routes['POST /api/checkout'] = () =>
      json({ error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } }, 402);
    const element = await readyCheckout();
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    const event = (await failed) as CustomEvent<ErrorDetail>;
    expect(event.detail).to.deep.equal({ type: 'card_error', code: 'card_declined', message: 'Your card was declined.' });
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('failed');
    expect(liveRegion(element).querySelector('[role="alert"]')!.textContent).to.equal('Your card was declined.');
    expect(payButton(element).disabled).to.be.false;

    server.routes['POST /api/checkout'] = () => json(PAID);
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(server.checkouts).to.have.length(2);
    expect(server.checkouts[1].attemptId).not.to.equal(server.checkouts[0].attemptId);
    expect(stripe.created.filter((created) => !created.destroyed)).to.have.length(3); // still mounted, not re-created
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('succeeded');
    expect(liveRegion(element).querySelector('[role="alert"]')).to.equal(null);
  });

  it('shows a validation error from elements.submit(), goes back to ready and posts nothing', async () => {
    stripe.submit = async () => ({ error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' } });
    const element = await readyCheckout();
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    expect(((await failed) as CustomEvent<ErrorDetail>).detail.type).to.equal('validation_error');
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('ready');
    expect(liveRegion(element).textContent).to.contain('Your card number is incomplete.');
    expect(stripe.log).not.to.include('createConfirmationToken');
    expect(server.checkouts).to.have.length(0);
  });

  it('a failed 3D Secure reads as plain language; Stripe\'s developer message goes to the console only', async () => {
    server.routes['POST /api/checkout'] = () => json({ ...PAID, status: 'requires_action' });
    const developerMessage = 'The provided PaymentMethod has failed authentication. Provide a new PaymentMethod to attempt to fulfill this PaymentIntent again.';
    stripe.handleNextAction = async () => ({
      paymentIntent: { id: 'pi_test_1', status: 'requires_payment_method', last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: developerMessage } },
    });
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const element = await readyCheckout();
      const failed = oneEvent(element, 'link-checkout-error');
      payButton(element).click();
      const { detail } = (await failed) as CustomEvent<ErrorDetail>;
      expect(detail.code).to.equal('payment_intent_authentication_failure');
      expect(detail.message).to.equal('Your bank could not confirm this payment. Try again, or use another payment method.');
      await element.updateComplete;
      expect(element.getAttribute('state')).to.equal('failed');
      expect(liveRegion(element).textContent).not.to.contain('PaymentMethod');
      expect(warnings.join('\n')).to.contain(developerMessage);
    } finally {
      console.warn = warn;
    }
  });

  it('a decline after the next action shows the card error Stripe writes for customers', async () => {
    server.routes['POST /api/checkout'] = () => json({ ...PAID, status: 'requires_action' });
    stripe.handleNextAction = async () => ({
      paymentIntent: { id: 'pi_test_1', status: 'requires_payment_method', last_payment_error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } },
    });
    const element = await readyCheckout();
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    expect(((await failed) as CustomEvent<ErrorDetail>).detail).to.deep.equal({ type: 'card_error', code: 'card_declined', message: 'Your card was declined.' });
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('failed');
  });

  it('ignores a second click while processing: one checkout POST', async () => {
    const submitted = deferred<{ error?: unknown }>();
    stripe.submit = () => submitted.promise;
    const element = await readyCheckout();
    payButton(element).click();
    payButton(element).click(); // same tick: the in-flight flag refuses it
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('processing');
    expect(payButton(element).disabled).to.be.true;
    expect(payButton(element).getAttribute('aria-busy')).to.equal('true');
    await element.pay(); // from script while processing: ignored as well
    const success = oneEvent(element, 'link-checkout-success');
    submitted.resolve({});
    await success;
    expect(stripe.log.filter((call) => call === 'submit')).to.have.length(1);
    expect(server.checkouts).to.have.length(1);
  });

  it('retries a checkout POST that never reached the server, with the same attemptId', async () => {
    let calls = 0;
    server.routes['POST /api/checkout'] = () => {
      calls++;
      if (calls <= 2) throw new TypeError('Failed to fetch');
      return json(PAID);
    };
    const element = await readyCheckout();
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(server.checkouts).to.have.length(3);
    const attemptIds = new Set(server.checkouts.map((body) => body.attemptId));
    expect(attemptIds.size).to.equal(1);
  });

  it('gives up after two retries with a network error the customer can act on', async () => {
    server.routes['POST /api/checkout'] = () => {
      throw new TypeError('Failed to fetch');
    };
    const element = await readyCheckout();
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    const event = (await failed) as CustomEvent<ErrorDetail>;
    expect(event.detail.type).to.equal('network_error');
    expect(server.checkouts).to.have.length(3);
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('failed');
    expect(payButton(element).disabled).to.be.false;
  });

  it('does not retry a final answer (4xx)', async () => {
    server.routes['POST /api/checkout'] = () => json({ error: { type: 'invalid_request_error', code: 'unknown_item', message: 'No such item.' } }, 400);
    const element = await readyCheckout();
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    expect(((await failed) as CustomEvent<ErrorDetail>).detail.message).to.equal('No such item.');
    expect(server.checkouts).to.have.length(1);
  });

  it('retries a server failure (5xx) and an attempt still in progress (409) with the same attemptId', async () => {
    const answers = [
      json({ error: { type: 'api_error', code: 'payment_provider_unavailable', message: 'Try again.' } }, 502),
      json({ error: { type: 'idempotency_error', code: 'attempt_in_progress', message: 'Still processing.' } }, 409),
      json(PAID),
    ];
    server.routes['POST /api/checkout'] = () => answers.shift()!;
    const element = await readyCheckout();
    const success = oneEvent(element, 'link-checkout-success');
    payButton(element).click();
    await success;
    expect(server.checkouts).to.have.length(3);
    expect(new Set(server.checkouts.map((body) => body.attemptId)).size).to.equal(1);
  });
});
