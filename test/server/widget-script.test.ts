import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog } from '../../server/pricing/index.ts';
import { catalogQuotes, widgetScriptWithConfig } from '../../server/widget-script.ts';
import { createSandboxServer } from '../../sandbox/wire.ts';
import { quoteQuery } from '../../widget/inputs.ts';

test('the served classic script leaves the public config under its own origin, escaped for an inline <script>', () => {
  const script = widgetScriptWithConfig('var built = 1;', { publishableKey: 'pk_test_</script>', sandbox: true, sandboxStripeJsUrl: '/sandbox/stripe.js' }, 'classic');
  assert.doesNotMatch(script, /<\/script>/);
  const sandbox: Record<string, any> = { document: { currentScript: { src: 'https://pay.example.com/link-checkout.iife.js' } }, URL };
  sandbox.globalThis = sandbox;
  runInNewContext(script, sandbox);
  assert.deepEqual(JSON.parse(JSON.stringify(sandbox.__linkCheckoutConfig['https://pay.example.com'])), { publishableKey: 'pk_test_</script>', sandbox: true, sandboxStripeJsUrl: '/sandbox/stripe.js' });
  assert.equal(sandbox.built, 1, 'the built file runs first, unchanged');
});

test('the module script keys it by import.meta.url\'s origin', () => {
  const script = widgetScriptWithConfig('export {};', { publishableKey: 'pk_test_1', sandbox: false }, 'module');
  assert.match(script, /\[new URL\(import\.meta\.url\)\.origin\]=\{"publishableKey":"pk_test_1","sandbox":false\};\n$/);
});

test('the catalog quotes the script carries are what GET /api/quote answers for a tag naming only that item', async () => {
  const catalog = parseCatalog(JSON.parse(readFileSync(join(import.meta.dirname, '../../server/catalog.sample.json'), 'utf8')));
  const quotes = await catalogQuotes(catalog);
  assert.deepEqual(Object.keys(quotes).sort(), Object.keys(catalog).map((item) => quoteQuery({ item })).sort());
  const { app } = await createSandboxServer({ catalog });
  for (const [query, quote] of Object.entries(quotes)) {
    const answered = await app.request(`/api/quote?${query}`);
    assert.equal(answered.status, 200, query);
    assert.deepEqual(JSON.parse(JSON.stringify(quote)), await answered.json(), query);
  }
  assert.ok(Object.values(quotes).some((quote) => quote.mode === 'subscription'), 'a recurring item is quoted as a subscription');
});
