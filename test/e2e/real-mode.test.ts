// server/main.ts in real-Stripe mode, unchanged, with STRIPE_API_URL pointing the official SDK at
// the emulator served over HTTP: the production code path (keys from the environment, node HTTP,
// webhooks over the network) without api.stripe.com, which these machines cannot reach.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createStripeEmulator, type StripeEmulator } from '../../sandbox/api/index.ts';
import { startServer, type RunningServer } from './harness.ts';

const KEYS = { secretKey: 'sk_test_realmode_0123456789abcdef', publishableKey: 'pk_test_realmode_0123456789abcdef' };
const WEBHOOK_SECRET = `whsec_${Buffer.from('real-mode webhook secret').toString('base64')}`;

let emulator: StripeEmulator;
let stripeApi: ServerType;
let server: RunningServer;

before(async () => {
  emulator = createStripeEmulator(KEYS);
  const port = await new Promise<number>((resolve) => {
    stripeApi = serve({ fetch: emulator.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  server = await startServer({
    STRIPE_SECRET_KEY: KEYS.secretKey,
    STRIPE_PUBLISHABLE_KEY: KEYS.publishableKey,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: `http://127.0.0.1:${port}`,
  });
  emulator.addWebhookEndpoint(`${server.origin}/api/webhook`, { secret: WEBHOOK_SECRET });
});
after(async () => {
  await emulator?.webhooksIdle();
  await server?.stop();
  stripeApi?.close();
});

async function token(card: string): Promise<string> {
  const response = await emulator.fetch(new Request('http://api.stripe.sandbox/v1/confirmation_tokens', {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEYS.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      return_url: 'https://shop.example/checkout',
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': card,
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': '2034',
      'payment_method_data[card][cvc]': '123',
    }),
  }));
  return ((await response.json()) as { id: string }).id;
}

const checkout = async (card: string) =>
  fetch(`${server.origin}/api/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId: crypto.randomUUID(), confirmationTokenId: await token(card), item: 'tshirt' }),
  });

describe('main.ts with Stripe keys and STRIPE_API_URL (real mode)', () => {
  test('says it is not the sandbox, and serves no stand-in', async () => {
    const config = await (await fetch(`${server.origin}/api/config`)).json();
    assert.deepEqual(config, { publishableKey: KEYS.publishableKey, sandbox: false });
    assert.equal((await fetch(`${server.origin}/sandbox/stripe.js`)).status, 404);
    assert.equal((await fetch(`${server.origin}/sandbox/stripe/v1/payment_intents`)).status, 404);
  });

  test('a payment goes through the SDK over HTTP, and the signed webhook over the network marks it paid', async () => {
    const response = await checkout('4242424242424242');
    assert.equal(response.status, 200);
    const { orderId, status } = await response.json();
    assert.equal(status, 'succeeded');
    let order = { status: 'pending' };
    for (let i = 0; i < 50 && order.status === 'pending'; i++) {
      await emulator.webhooksIdle();
      order = await (await fetch(`${server.origin}/api/orders/${orderId}`)).json();
      if (order.status === 'pending') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(order.status, 'paid');
  });

  test('a decline comes back as a 402 card_error', async () => {
    const response = await checkout('4000000000000002');
    assert.equal(response.status, 402);
    assert.equal((await response.json()).error.decline_code, 'generic_decline');
  });
});

describe('main.ts refuses settings it cannot run with', () => {
  test('a live secret key without its publishable key (which would fall back to the sandbox): one clear line, exit 1', async () => {
    await assert.rejects(startServer({ STRIPE_SECRET_KEY: 'sk_live_0123456789abcdef' }), (err: Error) => {
      assert.match(err.message, /server exited with 1/);
      assert.match(err.message, /Refusing to start the sandbox while a live secret key is configured/);
      assert.doesNotMatch(err.message, /\n\s+at /, 'no stack trace');
      return true;
    });
  });
});
