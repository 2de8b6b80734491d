import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { widgetScriptWithConfig } from '../../server/widget-script.ts';

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
