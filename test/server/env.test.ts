import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseApiUrl, resolveStripeMode } from '../../server/env.ts';

describe('resolveStripeMode', () => {
  test('no keys: the offline sandbox', () => {
    assert.deepEqual(resolveStripeMode({}), { kind: 'sandbox' });
  });
  test('both test keys: real Stripe', () => {
    const mode = resolveStripeMode({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
    assert.deepEqual(mode, { kind: 'real', secretKey: 'sk_test_abc', publishableKey: 'pk_test_abc', webhookSecret: 'whsec_x' });
  });
  test('a live secret key with the sandbox asked for is refused', () => {
    assert.throws(() => resolveStripeMode({ STRIPE_SECRET_KEY: 'sk_live_abc', LINK_CHECKOUT_SANDBOX: '1' }), /live secret key/);
  });
  test('a live secret key alone (which would fall back to the sandbox) is refused', () => {
    assert.throws(() => resolveStripeMode({ STRIPE_SECRET_KEY: 'sk_live_abc' }), /live secret key/);
  });
  test('only one of the two keys is refused', () => {
    assert.throws(() => resolveStripeMode({ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }), /both/);
  });
  test('a live secret key with a test publishable key is refused', () => {
    assert.throws(() => resolveStripeMode({ STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }), /both be live or both be test/);
  });
  test('STRIPE_API_URL points the SDK at another host', () => {
    const mode = resolveStripeMode({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_API_URL: 'http://localhost:12111' });
    assert.deepEqual(mode.kind === 'real' && mode.api, { host: 'localhost', port: 12111, protocol: 'http' });
  });
  test('a bad STRIPE_API_URL is refused', () => {
    assert.throws(() => parseApiUrl('localhost:12111'), /http/);
    assert.throws(() => parseApiUrl('not a url'), /not a URL/);
  });
});

test('a webhook secret pasted with a trailing newline is trimmed', () => {
  const mode = resolveStripeMode({ STRIPE_SECRET_KEY: 'sk_test_a', STRIPE_PUBLISHABLE_KEY: 'pk_test_a', STRIPE_WEBHOOK_SECRET: 'whsec_abc\n' });
  assert.equal(mode.kind === 'real' && mode.webhookSecret, 'whsec_abc');
});
