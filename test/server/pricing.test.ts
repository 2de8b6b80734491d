import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPriceRules, parseCatalog, parseOpenAmounts, parseQuoteRequest, signPrice } from '../../server/pricing/index.ts';
import { resolvePricing } from '../../server/env.ts';

const SECRET = 'x'.repeat(40);
const catalog = parseCatalog({
  tshirt: { name: 'T-shirt', amount: 2500, currency: 'usd' },
  pro: { name: 'Pro', amount: 900, currency: 'usd', interval: 'month' },
});
const rules = createPriceRules({ catalog, signingSecret: SECRET, openAmounts: { eur: { min: 100, max: 5000 } } });

async function refused(request: Parameters<typeof rules.quote>[0], code: string, phase?: 'checkout') {
  await assert.rejects(rules.quote(request, phase), (err: { status: number; code: string }) => {
    assert.equal(err.status, 400);
    assert.equal(err.code, code);
    return true;
  });
}

describe('catalog items', () => {
  test('a one-time item is a payment; its Elements options carry the same amount', async () => {
    const quote = await rules.quote({ item: 'tshirt' });
    assert.equal(quote.mode, 'payment');
    assert.deepEqual(quote.elements, { mode: 'payment', amount: 2500, currency: 'usd', excludedPaymentMethodTypes: ['blik', 'acss_debit'] });
  });
  test('a recurring item implies a subscription', async () => {
    const quote = await rules.quote({ item: 'pro' });
    assert.deepEqual([quote.mode, quote.interval, quote.elements.amount], ['subscription', 'month', 900]);
  });
  test('a mode that contradicts the item is refused', async () => {
    await refused({ item: 'pro', mode: 'payment' }, 'mode_mismatch');
    await refused({ item: 'pro', mode: 'setup' }, 'mode_mismatch');
    await refused({ item: 'tshirt', mode: 'subscription' }, 'mode_mismatch');
  });
  test('setup with an item charges nothing now and has no Elements amount', async () => {
    const quote = await rules.quote({ item: 'tshirt', mode: 'setup' });
    assert.equal(quote.amount, 0);
    assert.deepEqual(quote.elements, { mode: 'setup', currency: 'usd', excludedPaymentMethodTypes: ['blik', 'acss_debit'] });
  });
  test('an amount sent with an item is ignored: the catalog decides', async () => {
    assert.equal((await rules.quote({ item: 'tshirt', amount: 1 })).amount, 2500);
  });
  test('an item next to a signature or an editable amount is ambiguous', async () => {
    await refused({ item: 'tshirt', signature: 'abc' }, 'conflicting_price');
    await refused({ item: 'tshirt', amountEditable: true }, 'conflicting_price');
  });
});

describe('signed amounts', () => {
  const price = { mode: 'payment' as const, amount: 2500, currency: 'eur', label: 'Workshop ticket' };
  test('a signed price is quoted as signed', async () => {
    const signature = await signPrice(SECRET, price);
    const quote = await rules.quote({ ...price, signature });
    assert.deepEqual([quote.rule, quote.amount, quote.currency, quote.name], ['signed', 2500, 'eur', 'Workshop ticket']);
  });
  test('tampering with any signed field, or another secret, is refused', async () => {
    const signature = await signPrice(SECRET, price);
    await refused({ ...price, amount: 2499, signature }, 'signature_mismatch');
    await refused({ ...price, currency: 'usd', signature }, 'signature_mismatch');
    await refused({ ...price, label: 'Free ticket', signature }, 'signature_mismatch');
    await refused({ ...price, mode: 'subscription', interval: 'month', signature }, 'signature_mismatch');
    await refused({ ...price, signature: await signPrice('y'.repeat(40), price) }, 'signature_mismatch');
    await refused({ ...price, signature: 'not-base64url!!' }, 'signature_mismatch');
  });
  test('an unsigned amount is refused', async () => refused({ amount: 2500, currency: 'eur' }, 'signature_missing'));
  test('without a signing secret, signed amounts are off', async () => {
    const signature = await signPrice(SECRET, price);
    await assert.rejects(createPriceRules({ catalog }).quote({ ...price, signature }), { code: 'signed_amounts_unavailable' });
  });
  test('a signed subscription needs its interval, signed too', async () => {
    const monthly = { mode: 'subscription' as const, amount: 500, currency: 'usd', interval: 'month' as const };
    const quote = await rules.quote({ ...monthly, signature: await signPrice(SECRET, monthly) });
    assert.deepEqual([quote.mode, quote.interval], ['subscription', 'month']);
    await refused({ ...monthly, interval: 'year', signature: await signPrice(SECRET, monthly) }, 'signature_mismatch');
    await refused({ mode: 'subscription', amount: 500, currency: 'usd', signature: 'x'.repeat(43) }, 'parameter_invalid');
  });
});

describe('open amounts', () => {
  test('the range is quoted, and the starting amount is its minimum', async () => {
    const quote = await rules.quote({ amountEditable: true, currency: 'eur' });
    assert.deepEqual([quote.rule, quote.amount, quote.range], ['open', 100, { min: 100, max: 5000 }]);
  });
  test('an amount outside the range, or in another currency, is refused', async () => {
    await refused({ amountEditable: true, currency: 'eur', amount: 99 }, 'amount_out_of_range');
    await refused({ amountEditable: true, currency: 'eur', amount: 5001 }, 'amount_out_of_range');
    await refused({ amountEditable: true, currency: 'usd', amount: 1000 }, 'open_amount_unavailable');
  });
  test('at checkout the shopper must have chosen an amount', async () => refused({ amountEditable: true, currency: 'eur' }, 'parameter_missing', 'checkout'));
  test('an open amount is a one-time payment only', async () => refused({ amountEditable: true, currency: 'eur', mode: 'subscription' }, 'mode_mismatch'));
  test('off unless configured', async () => {
    await assert.rejects(createPriceRules({ catalog }).quote({ amountEditable: true, currency: 'eur', amount: 500 }), { code: 'open_amount_unavailable' });
  });
});

describe('options', () => {
  test('manual capture and saving reach the Elements options', async () => {
    const quote = await rules.quote({ item: 'tshirt', capture: 'manual', save: 'off_session' });
    assert.equal(quote.elements.captureMethod, 'manual');
    assert.equal(quote.elements.setupFutureUsage, 'off_session');
  });
  test('manual capture and save apply to payments only', async () => {
    await refused({ item: 'pro', capture: 'manual' }, 'capture_unsupported');
    await refused({ mode: 'setup', save: 'off_session' }, 'save_unsupported');
  });
  test('setup needs no price, only a currency', async () => {
    const quote = await rules.quote({ mode: 'setup', currency: 'eur' });
    assert.deepEqual([quote.rule, quote.amount, quote.currency], ['none', 0, 'eur']);
  });
  test('nothing to buy is refused', async () => refused({}, 'parameter_missing'));
});

describe('parsing', () => {
  test('query strings become typed requests', () => {
    assert.deepEqual(parseQuoteRequest({ item: 'a', amount: '2500', currency: 'EUR', amountEditable: 'true', capture: 'manual', save: 'on_session', mode: 'payment' }), {
      item: 'a', amount: 2500, currency: 'eur', amountEditable: true, capture: 'manual', save: 'on_session', mode: 'payment',
    });
  });
  test('bad shapes are refused with the param named', () => {
    for (const [raw, param] of [[{ amount: '12.5' }, 'amount'], [{ amount: -1 }, 'amount'], [{ mode: 'free' }, 'mode'], [{ currency: 'dollars' }, 'currency'], [{ label: 'a\u0000b' }, 'label'], [{ item: 5 }, 'item']] as const) {
      assert.throws(() => parseQuoteRequest(raw), (err: { param: string; extra: { param: string } }) => err.extra.param === param);
    }
  });
  test('OPEN_AMOUNTS and the signing secret are checked at start-up', () => {
    assert.deepEqual({ ...parseOpenAmounts('usd:100-1000, EUR:50-60') }, { usd: { min: 100, max: 1000 }, eur: { min: 50, max: 60 } });
    assert.throws(() => parseOpenAmounts('usd:1000-100'), /min <= max/);
    assert.throws(() => parseOpenAmounts('usd 100'), /currency:min-max/);
    assert.throws(() => resolvePricing({ LINK_CHECKOUT_SIGNING_SECRET: 'short' }), /at least 32/);
    assert.deepEqual(resolvePricing({}), {});
  });
});

describe('signed customer references', () => {
  test('a customer signature verifies for that customer only, and is no price signature', async () => {
    const { signCustomer, verifyCustomer } = await import('../../server/pricing/index.ts');
    const signature = await signCustomer(SECRET, 'cus_123');
    assert.equal(await verifyCustomer(SECRET, 'cus_123', signature), true);
    assert.equal(await verifyCustomer(SECRET, 'cus_124', signature), false);
    assert.equal(await verifyCustomer('y'.repeat(40), 'cus_123', signature), false);
    await assert.rejects(rules.quote({ amount: 123, currency: 'usd', signature }), { code: 'signature_mismatch' });
  });
});
