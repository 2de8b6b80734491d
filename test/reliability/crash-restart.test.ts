import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Stripe from 'stripe';
import { freePort, start, type Running } from './processes.ts';

const ADMIN_TOKEN = 'reliability-admin-token-0123456789';
const dirs: string[] = [];
const running: Running[] = [];
after(async () => {
  await Promise.all(running.map((process) => process.stop().catch(() => {})));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'link-checkout-crash-'));
  dirs.push(dir);
  return dir;
};
const launch = async (...args: Parameters<typeof start>) => {
  const process = await start(...args);
  running.push(process);
  return process;
};

/** A ConfirmationToken made with the publishable key, as Stripe.js makes it. */
async function token(apiBase: string, publishableKey: string): Promise<string> {
  const response = await fetch(`${apiBase}/v1/confirmation_tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      return_url: 'https://shop.example/checkout',
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': '4242424242424242',
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': String(new Date().getFullYear() + 2),
      'payment_method_data[card][cvc]': '123',
    }),
  });
  return ((await response.json()) as { id: string }).id;
}

const checkout = (origin: string, confirmationTokenId: string, i: number) =>
  fetch(`${origin}/api/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId: `crash-attempt-${Date.now()}-${i}`, confirmationTokenId, item: i % 2 ? 'mug' : 'tshirt' }),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as { orderId: string; paymentIntentId: string; clientSecret: string } }));

/** Polls the order until it settles (reading it also lets the reconciler look, once it is old enough). */
async function settled(origin: string, orderId: string, within = 40_000): Promise<string> {
  const deadline = Date.now() + within;
  for (;;) {
    const order = (await (await fetch(`${origin}/api/orders/${orderId}`)).json()) as { status: string };
    if (order.status !== 'pending' || Date.now() > deadline) return order.status;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const FAST = { RECONCILE_INTERVAL_MS: '300', RATE_LIMIT_WRITES: 'off', RATE_LIMIT_DECLINES: 'off', ADMIN_TOKEN };

test('sandbox mode, killed (SIGKILL) right after its answers: after a restart every paid order still exists in the emulator, and converges', async (t) => {
  const data = tempDir();
  const port = String(await freePort());
  const env = { ...FAST, PORT: port, DATA_DIR: join(data, 'pglite') };
  const first = await launch('server/main.ts', env);
  const { publishableKey } = (await (await fetch(`${first.origin}/api/config`)).json()) as { publishableKey: string };
  const tokens = await Promise.all(Array.from({ length: 8 }, () => token(`${first.origin}/sandbox/stripe`, publishableKey)));
  const answers = await Promise.all(tokens.map((id, i) => checkout(first.origin, id, i)));
  await first.kill();
  const second = await launch('server/main.ts', env);
  let converged = 0;
  for (const { status, body } of answers) {
    assert.equal(status, 200);
    // The emulator still knows the payment (the browser route: publishable key and client secret).
    const intent = await fetch(`${second.origin}/sandbox/stripe/v1/payment_intents/${body.paymentIntentId}?client_secret=${body.clientSecret}`, { headers: { Authorization: `Bearer ${publishableKey}` } });
    assert.equal(intent.status, 200, 'the emulator lost a payment it had confirmed');
    if ((await settled(second.origin, body.orderId)) === 'paid') converged++;
  }
  t.diagnostic(`crash (sandbox mode): ${answers.length} checkouts answered 200, SIGKILL, restart: ${answers.length} payments kept by the emulator, ${converged}/${answers.length} orders paid`);
  assert.equal(converged, answers.length);
  await second.stop();
});

test('a server killed mid-checkout beside a standalone sandbox: after a restart every payment Stripe made has a paid order, none twice', async (t) => {
  const [sandboxPort, serverPort] = [await freePort(), await freePort()];
  const server = `http://127.0.0.1:${serverPort}`;
  const sandbox = await launch('sandbox/main.ts', { SANDBOX_PORT: String(sandboxPort), SANDBOX_DATA_DIR: tempDir(), SANDBOX_WEBHOOK_URLS: `${server}/api/webhook` });
  const keys = {
    STRIPE_SECRET_KEY: /secret key:\s+(\S+)/.exec(sandbox.output())![1]!,
    STRIPE_PUBLISHABLE_KEY: /publishable key:\s+(\S+)/.exec(sandbox.output())![1]!,
    STRIPE_WEBHOOK_SECRET: /STRIPE_WEBHOOK_SECRET=(\S+)/.exec(sandbox.output())![1]!,
  };
  const env = { ...FAST, ...keys, STRIPE_API_URL: sandbox.origin, PORT: String(serverPort), HOST: '127.0.0.1', DATA_DIR: join(tempDir(), 'pglite') };
  const first = await launch('server/main.ts', env);
  const tokens = await Promise.all(Array.from({ length: 12 }, () => token(sandbox.origin, keys.STRIPE_PUBLISHABLE_KEY)));
  const pending = tokens.map((id, i) => checkout(first.origin, id, i).catch(() => ({ status: 0, body: undefined })));
  // Killed while some requests are still between Stripe and the store.
  const answered = await Promise.race([Promise.all(pending.slice(0, 4)), new Promise((resolve) => setTimeout(resolve, 2000))]);
  await first.kill();
  const before = await Promise.all(pending);
  const second = await launch('server/main.ts', env);

  const stripe = new Stripe(keys.STRIPE_SECRET_KEY, { host: new URL(sandbox.origin).hostname, port: sandboxPort, protocol: 'http' });
  const intents = (await stripe.paymentIntents.list({ limit: 100 })).data;
  const orders = new Map<string, number>();
  for (const intent of intents) orders.set(intent.metadata.order_id!, (orders.get(intent.metadata.order_id!) ?? 0) + (intent.status === 'succeeded' ? 1 : 0));
  const statuses = await Promise.all([...orders.keys()].map((orderId) => settled(second.origin, orderId)));
  const paid = statuses.filter((status) => status === 'paid').length;
  t.diagnostic(
    `crash (server beside a standalone sandbox): 12 checkouts, SIGKILL after ${before.filter((a) => a.status === 200).length} answers (${Array.isArray(answered) ? 'first 4 in' : '2 s'}), restart: ` +
      `${intents.length} PaymentIntents in Stripe, ${paid}/${orders.size} of their orders paid, ${[...orders.values()].filter((n) => n > 1).length} orders charged twice`,
  );
  assert.ok([...orders.values()].every((n) => n <= 1), 'no order was charged twice');
  assert.equal(paid, orders.size, `statuses: ${statuses.join(', ')}`);
  await second.stop();
});
