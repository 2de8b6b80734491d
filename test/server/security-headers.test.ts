import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { pageContentSecurityPolicy, pageSecurityHeaders } from '../../server/middleware/security-headers.ts';

const directives = (policy: string) => new Map(policy.split(';').map((part) => {
  const [name, ...sources] = part.trim().split(/\s+/);
  return [name!, sources];
}));

describe('security headers of HTML pages', () => {
  test('on Stripe, the CSP lets Stripe.js load, frame and call Stripe, and nothing else outside our origin', () => {
    const csp = directives(pageContentSecurityPolicy({ sandbox: false }));
    assert.deepEqual(csp.get('default-src'), ["'self'"]);
    for (const host of ['https://js.stripe.com', 'https://*.js.stripe.com']) {
      assert.ok(csp.get('script-src')!.includes(host), `script-src ${host}`);
      assert.ok(csp.get('frame-src')!.includes(host), `frame-src ${host}`);
    }
    assert.ok(csp.get('frame-src')!.includes('https://hooks.stripe.com'), '3D Secure frames');
    assert.ok(csp.get('connect-src')!.includes('https://api.stripe.com'));
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
    assert.ok(!csp.get('script-src')!.some((source) => source.includes('unsafe')), 'no inline or eval scripts');
  });

  test('on the sandbox, the stand-in comes from our own origin: no Stripe host is allowed', () => {
    const policy = pageContentSecurityPolicy({ sandbox: true });
    assert.doesNotMatch(policy, /stripe\.com|stripe\.network/);
    assert.deepEqual(directives(policy).get('script-src'), ["'self'"]);
  });

  test('the middleware sets CSP, nosniff, Referrer-Policy and frame options on the page it wraps', async () => {
    const app = new Hono().get('/pay/:id', pageSecurityHeaders({ sandbox: false }), (c) => c.html('<p>pay</p>'));
    const response = await app.request('/pay/ord_1');
    assert.equal(response.headers.get('content-security-policy'), pageContentSecurityPolicy({ sandbox: false }));
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
  });
});
