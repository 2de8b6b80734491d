// CORS, per-IP rate limits, the decline budget and trusted proxies, on the sandbox server with the
// guards main.ts builds from the environment. The peer address comes from the request's env here
// (main.ts reads the Node socket).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSandboxServer, type SandboxServer } from '../../sandbox/wire.ts';
import { parseAllowedOrigins, parseRateLimit, parseTrustProxy, resolveGuardSettings } from '../../server/env.ts';
import { createApiGuards } from '../../server/middleware/guards.ts';
import { CARDS, attemptId, catalog, confirmationToken, newSandbox } from './helpers.ts';

const peerOf = (c: { env: unknown }) => (c.env as { peer?: string } | undefined)?.peer;

async function guardedSandbox(env: Record<string, string>): Promise<SandboxServer> {
  const { createPgliteStore } = await import('../../server/store/pglite.ts');
  const store = await createPgliteStore();
  return createSandboxServer({ catalog, store, guards: createApiGuards(resolveGuardSettings(env), store, peerOf) });
}

function request(sandbox: SandboxServer, path: string, { peer = '198.51.100.1', headers = {}, method = 'GET', body }: { peer?: string; headers?: Record<string, string>; method?: string; body?: unknown } = {}) {
  return sandbox.app.request(path, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }, { peer });
}

const checkoutBody = async (sandbox: SandboxServer, card: string) => ({ attemptId: attemptId(), confirmationTokenId: await confirmationToken(sandbox, card), item: 'tshirt' });

describe('settings from the environment', () => {
  test('rate limits: count per window, off, and clear errors', () => {
    assert.deepEqual(parseRateLimit('X', '30/1m'), { limit: 30, windowMs: 60_000 });
    assert.deepEqual(parseRateLimit('X', '5 / 30s'), { limit: 5, windowMs: 30_000 });
    assert.deepEqual(parseRateLimit('X', '10/h'), { limit: 10, windowMs: 3_600_000 });
    assert.equal(parseRateLimit('X', 'off'), null);
    assert.throws(() => parseRateLimit('RATE_LIMIT_WRITES', 'lots'), /RATE_LIMIT_WRITES must look like 30\/1m/);
    assert.throws(() => parseRateLimit('X', '0/1m'), /must look like/);
  });
  test('trusted proxies: none, hop count, any, addresses and CIDRs', () => {
    assert.equal(parseTrustProxy(undefined), false);
    assert.equal(parseTrustProxy('0'), false);
    assert.equal(parseTrustProxy('2'), 2);
    assert.equal(parseTrustProxy('true'), true);
    assert.deepEqual(parseTrustProxy('loopback, 10.0.0.0/8'), ['loopback', '10.0.0.0/8']);
    assert.throws(() => parseTrustProxy('not-an-address'), /TRUST_PROXY/);
  });
  test('allowed origins: any when unset, else exact origins', () => {
    assert.equal(parseAllowedOrigins(undefined), '*');
    assert.deepEqual(parseAllowedOrigins('https://shop.example, http://localhost:3000/'), ['https://shop.example', 'http://localhost:3000']);
    assert.throws(() => parseAllowedOrigins('shop.example'), /ALLOWED_ORIGINS/);
    assert.throws(() => parseAllowedOrigins('https://shop.example/checkout'), /no path/);
  });
  test('defaults limit writes and declines', () => {
    const settings = resolveGuardSettings({});
    assert.deepEqual([settings.writes, settings.declines, settings.allowedOrigins, settings.trustProxy], [{ limit: 30, windowMs: 60_000 }, { limit: 10, windowMs: 3_600_000 }, '*', false]);
  });
});

describe('CORS', () => {
  let open: SandboxServer;
  let narrowed: SandboxServer;
  before(async () => {
    open = await newSandbox();
    narrowed = await guardedSandbox({ ALLOWED_ORIGINS: 'https://shop.example' });
  });
  after(async () => { await open.close(); await narrowed.close(); });

  const preflight = (sandbox: SandboxServer, path: string, origin: string) =>
    request(sandbox, path, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });

  test('without ALLOWED_ORIGINS any page may call the API', async () => {
    assert.equal((await preflight(open, '/api/checkout', 'https://any.example')).headers.get('access-control-allow-origin'), '*');
  });
  test('with ALLOWED_ORIGINS only those origins are allowed, and responses vary by Origin', async () => {
    const allowed = await preflight(narrowed, '/api/checkout', 'https://shop.example');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal((await preflight(narrowed, '/api/checkout', 'https://evil.example')).headers.get('access-control-allow-origin'), null);
    const config = await request(narrowed, '/api/config', { headers: { Origin: 'https://evil.example' } });
    assert.equal(config.headers.get('access-control-allow-origin'), null);
    assert.match(config.headers.get('vary') ?? '', /Origin/);
  });
  test('admin routes are never CORS-open, whatever the setting', async () => {
    for (const sandbox of [open, narrowed]) {
      for (const origin of ['https://shop.example', 'https://evil.example']) {
        const pre = await preflight(sandbox, '/admin/api/orders', origin);
        assert.equal(pre.headers.get('access-control-allow-origin'), null, `preflight from ${origin}`);
        const get = await request(sandbox, '/admin/api/orders', { headers: { Origin: origin, Authorization: 'Bearer x' } });
        assert.equal(get.headers.get('access-control-allow-origin'), null, `GET from ${origin}`);
      }
    }
  });
});

describe('rate limits', () => {
  let sandbox: SandboxServer;
  before(async () => {
    sandbox = await guardedSandbox({ RATE_LIMIT_WRITES: '3/1m', RATE_LIMIT_DECLINES: '2/1h', TRUST_PROXY: 'loopback' });
  });
  after(() => sandbox.close());

  test('public POSTs over the limit get a 429 rate_limit_error with Retry-After; other IPs and GETs are not held back', async () => {
    const peer = '203.0.113.10';
    for (let i = 0; i < 3; i++) {
      const response = await request(sandbox, '/api/checkout', { peer, method: 'POST', body: {} });
      assert.equal(response.status, 400, 'counted, then refused by the route for the empty body');
    }
    const limited = await request(sandbox, '/api/checkout', { peer, method: 'POST', body: {} });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.deepEqual((await limited.json()).error, { type: 'rate_limit_error', code: 'rate_limited', message: 'Too many requests from your network; please wait a moment and try again.' });
    assert.equal(limited.headers.get('access-control-allow-origin'), '*', 'the widget can read the 429');

    assert.equal((await request(sandbox, '/api/checkout', { peer: '203.0.113.11', method: 'POST', body: {} })).status, 400);
    assert.equal((await request(sandbox, '/api/config', { peer })).status, 200);
  });

  test('the webhook is not rate limited', async () => {
    const peer = '203.0.113.20';
    for (let i = 0; i < 5; i++) {
      const response = await request(sandbox, '/api/webhook', { peer, method: 'POST', body: {} });
      assert.equal(response.status, 400, 'signature_missing, never 429');
    }
  });

  test('X-Forwarded-For counts only through a trusted proxy', async () => {
    // From a loopback proxy (trusted), each forwarded client has its own budget.
    for (let i = 0; i < 4; i++) {
      const response = await request(sandbox, '/api/checkout', { peer: '127.0.0.1', headers: { 'X-Forwarded-For': `192.0.2.${i + 1}` }, method: 'POST', body: {} });
      assert.equal(response.status, 400);
    }
    // From an untrusted peer, a made-up X-Forwarded-For does not escape the peer's own budget.
    const peer = '203.0.113.30';
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await request(sandbox, '/api/checkout', { peer, headers: { 'X-Forwarded-For': `192.0.2.${100 + i}` }, method: 'POST', body: {} })).status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 429]);
  });

  test('card testing: after the decline budget, checkouts from that IP get a 429; successful ones do not count', async (t) => {
    const sandbox = await guardedSandbox({ RATE_LIMIT_WRITES: 'off', RATE_LIMIT_DECLINES: '2/1h' });
    t.after(() => sandbox.close());
    const peer = '203.0.113.40';
    const paid = await request(sandbox, '/api/checkout', { peer, method: 'POST', body: await checkoutBody(sandbox, CARDS.success) });
    assert.equal(paid.status, 200);
    for (let i = 0; i < 2; i++) {
      const declined = await request(sandbox, '/api/checkout', { peer, method: 'POST', body: await checkoutBody(sandbox, CARDS.declined) });
      assert.equal(declined.status, 402);
    }
    const held = await request(sandbox, '/api/checkout', { peer, method: 'POST', body: await checkoutBody(sandbox, CARDS.success) });
    assert.equal(held.status, 429);
    assert.equal((await held.json()).error.code, 'too_many_declines');
    assert.ok(Number(held.headers.get('retry-after')) > 60, 'the budget lasts its hour');

    const elsewhere = await request(sandbox, '/api/checkout', { peer: '203.0.113.41', method: 'POST', body: await checkoutBody(sandbox, CARDS.success) });
    assert.equal(elsewhere.status, 200);
  });
});
