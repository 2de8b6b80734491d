/** The suite's own wiring: which target a STRIPE_SECRET_KEY selects, and that live keys are refused. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TARGET, contractCase, createTarget, targetKind } from './target.ts';

const SOURCE = 'docs.stripe.com/api/authentication (test-mode secret keys start sk_test_, live-mode sk_live_)';

contractCase('suite wiring: no STRIPE_SECRET_KEY (or an empty one) selects the sandbox', SOURCE, async () => {
  assert.equal(targetKind({}), 'sandbox');
  assert.equal(targetKind({ STRIPE_SECRET_KEY: '  ' }), 'sandbox');
});

contractCase('suite wiring: an sk_test_ key selects real Stripe test mode', SOURCE, async () => {
  assert.equal(targetKind({ STRIPE_SECRET_KEY: 'sk_test_abc123' }), 'stripe');
});

contractCase('suite wiring: an sk_live_ key is refused outright, and so is anything that is not a test secret key', SOURCE, async () => {
  assert.throws(() => targetKind({ STRIPE_SECRET_KEY: 'sk_live_abc123' }), /refuses to run with a live key/);
  assert.throws(() => targetKind({ STRIPE_SECRET_KEY: 'rk_test_abc123' }), /must be a test-mode secret key/);
  assert.throws(() => targetKind({ STRIPE_SECRET_KEY: 'pk_test_abc123' }), /must be a test-mode secret key/);
});

contractCase('suite wiring: createTarget() follows the selected target, and on the sandbox each call is a fresh, independent emulator', SOURCE, async () => {
  const a = createTarget();
  const b = createTarget();
  assert.equal(a.kind, TARGET);
  if (TARGET === 'sandbox') {
    assert.ok(a.emulator && b.emulator && a.emulator !== b.emulator);
    const pi = await a.stripe.paymentIntents.create({ amount: 1099, currency: 'usd' });
    await assert.rejects(b.stripe.paymentIntents.retrieve(pi.id), { statusCode: 404 });
  } else {
    assert.equal(a.emulator, null);
  }
});

// Without a key the real-Stripe run does not happen; say so in the report rather than pass silently.
if (TARGET === 'sandbox') {
  test('contract suite on real Stripe test mode (skipped: no STRIPE_SECRET_KEY=sk_test_… is set)', {
    skip: 'needs STRIPE_SECRET_KEY=sk_test_…: the same cases then run against Stripe test mode instead of the sandbox',
  }, () => {});
}
