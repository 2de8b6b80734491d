import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { CARDS, checkout, newSandbox } from './helpers.ts';

/**
 * The emulator is reachable with the public publishable key, so its form decoder is attack
 * surface: `__proto__[x]=1` once wrote onto Object.prototype and broke every later checkout,
 * webhook and token until a restart.
 */
const KEYS = ['__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '__proto__[0]=1', 'a[__proto__][polluted]=1'];

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

for (const key of KEYS) {
  test(`"${key}" in a body or a query string pollutes nothing and is refused as Stripe refuses it`, async () => {
    const sandbox = await newSandbox();
    const auth = { Authorization: `Bearer ${sandbox.emulator.publishableKey}` };
    const body = await sandbox.app.request('/sandbox/stripe/v1/confirmation_tokens', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: key,
    });
    const query = await sandbox.app.request(`/sandbox/stripe/v1/confirmation_tokens/ctoken_x?${key}`, { headers: auth });
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was written');
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
    assert.equal(body.status, 400);
    assert.equal(((await body.json()) as { error: { code: string } }).error.code, 'parameter_unknown');
    assert.ok(query.status >= 400 && query.status < 500, `query answered ${query.status}`);

    // The server is still whole afterwards: a checkout pays and its webhook lands.
    const paid = await checkout(sandbox, CARDS.success);
    assert.equal(paid.status, 200);
    await sandbox.close();
  });
}
