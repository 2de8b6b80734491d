import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { ADMIN_TOKEN, newAdminSandbox, paidCheckout } from '../server/admin-helpers.ts';

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1500);
const next = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const STRINGS = ['', 'x', '0', '-1', '1e309', '2500', 'null', 'true', '[]', '{}', '\u0000', 'a\u0000b', 'x'.repeat(5000), '__proto__', 'constructor',
  'prototype', '😀', 'ord_', 'pi_', 'seti_', 'sub_', 'cs_', 'cus_x', 'ctoken_x', 'tshirt', 'pro-monthly', 'payment', 'setup', 'subscription',
  'manual', 'off_session', 'usd', 'EUR', 'embedded', 'hosted', '../../etc/passwd', '<script>', "' or 1=1 --", '%00', '\ud800'];
const KEYS = ['item', 'mode', 'amount', 'currency', 'signature', 'label', 'interval', 'amountEditable', 'capture', 'save', 'attemptId', 'confirmationTokenId',
  'email', 'order', 'ui', 'returnUrl', 'customer', 'customerSignature', 'paymentMethod', 'description', 'domain', '__proto__', 'constructor', 'status', 'limit'];

function value(depth = 0): unknown {
  const roll = next();
  if (roll < 0.45) return pick(STRINGS);
  if (roll < 0.65) return pick([0, -1, 1, 2500, 1.5, 2 ** 60, Number.MAX_SAFE_INTEGER, -0, 1e21]);
  if (roll < 0.72) return pick([true, false, null]);
  if (roll < 0.85 && depth < 3) return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
  return depth < 3 ? object(depth + 1) : 'deep';
}

function object(depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // defineProperty, so `__proto__` is an own key as JSON.parse would make it.
  for (let i = Math.floor(next() * 6); i > 0; i--) Object.defineProperty(out, pick(KEYS), { value: value(depth), enumerable: true, configurable: true, writable: true });
  return out;
}

const ROUTES: Array<[string, string]> = [
  ['GET', '/api/config'], ['GET', '/api/quote'], ['POST', '/api/checkout'], ['POST', '/api/checkout-sessions'], ['GET', '/api/checkout-sessions/:id'],
  ['POST', '/api/customer-sessions'], ['GET', '/api/orders/:id'], ['GET', '/api/payments/:id'], ['POST', '/api/webhook'], ['GET', '/healthz'],
  ['GET', '/admin/api/orders'], ['GET', '/admin/api/orders/:id'], ['POST', '/admin/api/orders/:id/capture'], ['POST', '/admin/api/orders/:id/cancel'],
  ['POST', '/admin/api/orders/:id/refund'], ['POST', '/admin/api/orders/:id/reconcile'], ['POST', '/admin/api/charges'], ['GET', '/admin/api/customers'],
  ['GET', '/admin/api/customers/:id'], ['DELETE', '/admin/api/customers/:id/payment_methods/:id'], ['POST', '/admin/api/checkout-sessions'],
  ['POST', '/admin/api/payment-links'], ['GET', '/admin/api/payment-links'], ['POST', '/admin/api/payment-links/:id/deactivate'],
  ['POST', '/admin/api/domains'], ['GET', '/admin/api/domains'], ['GET', '/sandbox/sign'],
  ['POST', '/sandbox/stripe/v1/confirmation_tokens'], ['GET', '/sandbox/stripe/v1/payment_intents/:id'], ['POST', '/sandbox/stripe/v1/payment_intents/:id/confirm'],
  ['POST', '/sandbox/stripe/_sandbox/3ds/:id'], ['POST', '/sandbox/stripe/_sandbox/link/verify'], ['GET', '/api/nope'], ['PUT', '/api/checkout'],
];

let sandbox: SandboxServer;
let real: { orderId: string; paymentIntentId: string };
before(async () => {
  sandbox = await newAdminSandbox();
  real = await paidCheckout(sandbox, { item: 'mug' });
});
after(() => sandbox.close());

/** One hostile request: a route, its ids real, made-up or broken, a query, a body and headers. */
function hostileRequest(): { method: string; path: string; init: RequestInit } {
  const [method, template] = pick(ROUTES);
  const segment = () => {
    const raw = String(pick([real.orderId, real.paymentIntentId, ...STRINGS]));
    // A lone surrogate cannot be percent-encoded; it stands for itself on the wire.
    let encoded: string;
    try {
      encoded = encodeURIComponent(raw);
    } catch {
      encoded = raw;
    }
    return encoded.slice(0, 300) || 'x';
  };
  const path = template.replace(/:id/g, segment);
  const query = new URLSearchParams();
  for (const [key, v] of Object.entries(object())) query.append(key, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  const headers: Record<string, string> = {};
  const kind = next();
  let body: string | undefined;
  if (method !== 'GET') {
    body = kind < 0.6 ? JSON.stringify(object()) : kind < 0.7 ? String(pick(STRINGS)) : kind < 0.8 ? new URLSearchParams(query).toString() : JSON.stringify(value());
    headers['Content-Type'] = pick(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']);
  }
  if (path.startsWith('/admin') && next() < 0.85) headers.Authorization = `Bearer ${ADMIN_TOKEN}`;
  if (path.startsWith('/sandbox/stripe')) headers.Authorization = `Bearer ${next() < 0.8 ? sandbox.emulator.publishableKey : 'pk_test_wrong'}`;
  if (path === '/api/webhook' && next() < 0.5) headers['Stripe-Signature'] = `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`;
  if (next() < 0.2) headers['Idempotency-Key'] = String(pick(STRINGS)).replace(/[^\x20-\x7e]/g, '') || 'k';
  return { method, path: `${path}${query.size && next() < 0.7 ? `?${query}` : ''}`, init: { method, headers, body } };
}

test(`fuzzed requests across every route (seed ${SEED}): no 5xx, every error is JSON {error:{type, code, message}}`, async (t) => {
  let serverErrors = 0;
  let nonJsonErrors = 0;
  const failures: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const { method, path, init } = hostileRequest();
    const response = await sandbox.app.request(path, init);
    const text = await response.text();
    if (response.status >= 500) {
      serverErrors++;
      failures.push(`${response.status} ${method} ${path.slice(0, 120)}: ${text.slice(0, 200)}`);
    } else if (response.status >= 400) {
      let error: { type?: unknown; code?: unknown; message?: unknown } | undefined;
      try {
        error = JSON.parse(text).error;
      } catch {
        error = undefined;
      }
      // The mounted emulator answers as Stripe does: a code only where Stripe gives one.
      const emulator = path.startsWith('/sandbox/stripe');
      const shaped = error && typeof error.type === 'string' && typeof error.message === 'string' && (emulator || typeof error.code === 'string');
      if (!shaped) {
        nonJsonErrors++;
        failures.push(`${response.status} ${method} ${path.slice(0, 120)}: ${text.slice(0, 200)}`);
      }
    }
  }
  t.diagnostic(`fuzz: ${COUNT} sent across ${ROUTES.length} routes, ${serverErrors} 5xx, ${nonJsonErrors} non-JSON errors (seed ${SEED})`);
  assert.deepEqual(failures.slice(0, 10), []);
  assert.deepEqual(Object.keys(Object.prototype), [], 'nothing reached Object.prototype');
});
