import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SANDBOX_SIGNING_SECRET } from '../../sandbox/defaults.ts';
import { createPriceRules, parseCatalog, verifyCustomer } from '../../server/pricing/index.ts';
import { cli } from './cli-helpers.ts';

describe('npx link-checkout sign', () => {
  test('--json prints a signature the server accepts, and a snippet', async () => {
    const secret = 's'.repeat(40);
    const run = await cli(['sign', '--amount', '2500', '--currency', 'EUR', '--label', 'Workshop "A"', '--json'], { LINK_CHECKOUT_SIGNING_SECRET: secret });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual([out.amount, out.currency, out.mode, out.label], [2500, 'eur', 'payment', 'Workshop "A"']);
    assert.match(out.snippet, /^<link-checkout amount="2500" currency="eur" label="Workshop &quot;A&quot;" signature="[\w-]+"><\/link-checkout>$/);
    const rules = createPriceRules({ catalog: parseCatalog({}), signingSecret: secret });
    const quote = await rules.quote({ amount: 2500, currency: 'eur', label: 'Workshop "A"', signature: out.signature });
    assert.equal(quote.rule, 'signed');
    await assert.rejects(createPriceRules({ catalog: parseCatalog({}), signingSecret: SANDBOX_SIGNING_SECRET }).quote({ amount: 2500, currency: 'eur', label: 'Workshop "A"', signature: out.signature }));
  });

  test('--sandbox signs with the sandbox secret; a subscription signs its interval', async () => {
    const run = await cli(['sign', '--amount', '900', '--currency', 'usd', '--mode', 'subscription', '--interval', 'month', '--sandbox', '--json']);
    assert.equal(run.status, 0, run.stderr);
    const { signature } = JSON.parse(run.stdout);
    const rules = createPriceRules({ catalog: parseCatalog({}), signingSecret: SANDBOX_SIGNING_SECRET });
    assert.equal((await rules.quote({ mode: 'subscription', interval: 'month', amount: 900, currency: 'usd', signature })).interval, 'month');
  });

  test('usage mistakes exit 2 with the command\'s usage; no secret is an error too', async () => {
    for (const args of [['sign', '--amount', '25.00', '--currency', 'eur', '--sandbox'], ['sign', '--amount', '100', '--currency', 'euro', '--sandbox'], ['sign', '--amount', '100', '--currency', 'eur', '--mode', 'setup', '--sandbox'], ['sign', '--amount', '100', '--currency', 'eur', '--mode', 'subscription', '--sandbox'], ['sign', '--amuont', '100'], ['sign', '--amount', '100', '--currency', 'eur']]) {
      const run = await cli(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}`);
      assert.match(run.stderr, /Usage: link-checkout sign/);
    }
    const weak = await cli(['sign', '--amount', '100', '--currency', 'eur'], { LINK_CHECKOUT_SIGNING_SECRET: 'short' });
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /at least 32/);
  });

  test('--help and unknown commands', async () => {
    const help = await cli(['sign', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--interval/);
    const unknown = await cli(['refund-everything']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command/);
  });

  test('--customer signs a returning customer for customer-signature; with a price, both', async () => {
    const secret = 'c'.repeat(40);
    const run = await cli(['sign', '--customer', 'cus_123abc', '--json'], { LINK_CHECKOUT_SIGNING_SECRET: secret });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(out), ['customer', 'customerSignature', 'snippet']);
    assert.ok(await verifyCustomer(secret, 'cus_123abc', out.customerSignature));
    assert.equal(await verifyCustomer(secret, 'cus_other', out.customerSignature), false);
    assert.equal(out.snippet, `<link-checkout customer="cus_123abc" customer-signature="${out.customerSignature}"></link-checkout>`);

    const both = await cli(['sign', '--customer', 'cus_123abc', '--amount', '900', '--currency', 'usd', '--sandbox']);
    assert.equal(both.status, 0, both.stderr);
    assert.match(both.stdout, /^snippet +<link-checkout amount="900" currency="usd" signature="[\w-]+" customer="cus_123abc" customer-signature="[\w-]+"><\/link-checkout>$/m);
    for (const args of [['sign', '--customer', 'jenny', '--sandbox'], ['sign', '--customer', 'cus_1', '--currency', 'usd', '--sandbox'], ['sign', '--customer', 'cus_1']]) {
      assert.equal((await cli(args)).status, 2, args.join(' '));
    }
  });
});
