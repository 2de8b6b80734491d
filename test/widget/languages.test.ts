import { expect, html, oneEvent } from '@open-wc/testing';
import '../../widget/index.ts';
import { liveRegion, payButton, readyCheckout } from './harness.ts';
import { json, quote, type FakeStripe, type FetchStub, withFakes } from './fakes.ts';
import { EN } from '../../widget/words.ts';
import { words as fr } from '../../widget/locales/fr.ts';
import { words as de } from '../../widget/locales/de.ts';
import { words as es } from '../../widget/locales/es.ts';
import { words as ja } from '../../widget/locales/ja.ts';

let stripe: FakeStripe;
let server: FetchStub;
withFakes((fakeStripe, fakeServer) => {
  stripe = fakeStripe;
  server = fakeServer;
});

describe('<link-checkout> in the shopper\'s language', () => {
  it('every language has every word, and keeps every placeholder', () => {
    for (const [name, words] of Object.entries({ fr, de, es, ja })) {
      expect(Object.keys(words).sort(), name).to.deep.equal(Object.keys(EN).sort());
      for (const key of Object.keys(EN) as Array<keyof typeof EN>) {
        expect(words[key]!.match(/\{\d\}/g)?.sort() ?? [], `${name}.${key}`).to.deep.equal(EN[key].match(/\{\d\}/g)?.sort() ?? []);
      }
    }
  });

  it('locale="fr": its own words in French, the amount formatted by Intl for French, and the same locale to Stripe', async () => {
    const element = await readyCheckout(html`<link-checkout item="tshirt" locale="fr" server=${location.origin}></link-checkout>`);
    expect(payButton(element).textContent).to.equal(`Payer ${new Intl.NumberFormat('fr', { style: 'currency', currency: 'USD' }).format(25)}`);
    expect(stripe.elementsOptions.locale).to.equal('fr');
    server.routes['POST /api/checkout'] = () => json({ error: { type: 'api_error', code: 'http_502', message: 'Bad Gateway' } }, 502);
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    const { detail } = await failed;
    expect(detail.message).to.equal(fr.unexpected!.replace('{0}', '502'));
    expect(liveRegion(element).textContent).to.contain('Le serveur de paiement');
  });

  it('German, Spanish and Japanese subscriptions name the interval in the language', async () => {
    server.routes['GET /api/quote'] = () => json(quote({ item: 'pro', name: 'Pro', amount: 900, mode: 'subscription', interval: 'month' }));
    for (const [locale, words] of [['de', de], ['es', es], ['ja', ja]] as const) {
      const element = await readyCheckout(html`<link-checkout item="pro" locale=${locale} server=${location.origin}></link-checkout>`);
      const price = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(9);
      expect(payButton(element).textContent, locale).to.equal(words.subscribe!.replace('{0}', price).replace('{1}', words.month!));
    }
  });

  it('a Stripe developer message on failed 3DS reads in the shopper\'s language', async () => {
    server.routes['POST /api/checkout'] = () => json({ orderId: 'ord_1', mode: 'payment', status: 'requires_action', clientSecret: 'pi_1_secret_x', paymentIntentId: 'pi_1' });
    stripe.handleNextAction = async () => ({ paymentIntent: { id: 'pi_1', status: 'requires_payment_method', last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'The provided PaymentMethod has failed authentication.' } } });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const element = await readyCheckout(html`<link-checkout item="tshirt" locale="es" server=${location.origin}></link-checkout>`);
      const failed = oneEvent(element, 'link-checkout-error');
      payButton(element).click();
      expect((await failed).detail.message).to.equal(es.authFailed);
    } finally {
      console.warn = warn;
    }
  });

  it('an unknown language, or none, is English; the server\'s own messages pass through as written', async () => {
    const element = await readyCheckout(html`<link-checkout item="tshirt" locale="xx" server=${location.origin}></link-checkout>`);
    expect(payButton(element).textContent).to.equal('Pay $25.00');
    server.routes['POST /api/checkout'] = () => json({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } }, 402);
    const failed = oneEvent(element, 'link-checkout-error');
    payButton(element).click();
    expect((await failed).detail.message).to.equal('Your card was declined.');
  });
});
