// `npm run sandbox` as a developer runs it: a separate process on its own port, driven over HTTP
// by the official SDK, delivering webhooks over HTTP, serving the stand-in, keeping its state.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Stripe from 'stripe';
import { standaloneConfig } from '../../sandbox/standalone.ts';

const root = join(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
after(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

interface Running {
  child: ChildProcess;
  origin: string;
  secretKey: string;
  publishableKey: string;
}

/** Starts sandbox/main.ts on a free port and reads what it prints. */
function startSandbox(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    cwd: root,
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 20_000);
    child.stderr!.on('data', (d) => (out += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const origin = /listening on (\S+)/.exec(out)?.[1];
      const secretKey = /secret key:\s+(\S+)/.exec(out)?.[1];
      const publishableKey = /publishable key:\s+(\S+)/.exec(out)?.[1];
      if (origin && secretKey && publishableKey && out.includes('STRIPE_API_URL=')) {
        clearTimeout(timer);
        assert.ok(out.includes(`STRIPE_API_URL=${origin} STRIPE_SECRET_KEY=${secretKey} STRIPE_PUBLISHABLE_KEY=${publishableKey}`), out);
        resolve({ child, origin, secretKey, publishableKey });
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}):\n${out}`)));
  });
}

function sdk(running: Running): Stripe {
  const url = new URL(running.origin);
  return new Stripe(running.secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', telemetry: false });
}

async function stop(running: Running): Promise<void> {
  const exited = new Promise((r) => running.child.once('exit', r));
  running.child.kill('SIGTERM');
  await exited;
}

test('the standalone sandbox serves the API to the official SDK over HTTP, delivers webhooks over HTTP, serves the stand-in, and keeps its state across a restart', { timeout: 60_000 }, async () => {
  const received: Array<{ body: string; signature: string }> = [];
  const receiver = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['stripe-signature']) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhook`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-standalone-'));
  try {
    const first = await startSandbox(dataDir);
    const stripe = sdk(first);
    const endpoint = await stripe.webhookEndpoints.create({ url: hookUrl, enabled_events: ['payment_intent.succeeded'] });
    const customer = await stripe.customers.create({ email: 'jenny@example.com' });
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
    assert.equal(pi.status, 'succeeded');

    const deadline = Date.now() + 5_000;
    while (!received.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(received.length, 1, 'one delivery over HTTP');
    const event = await stripe.webhooks.constructEventAsync(received[0].body, received[0].signature, endpoint.secret!);
    assert.equal((event.data.object as Stripe.PaymentIntent).id, pi.id);

    const script = await fetch(`${first.origin}/sandbox/stripe.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /window\.Stripe|\.Stripe\s*=/);
    // The stand-in's calls: the same emulator under /sandbox/stripe, with CORS for any page.
    const browserCall = await fetch(`${first.origin}/sandbox/stripe/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret}`, {
      headers: { Authorization: `Bearer ${first.publishableKey}`, Origin: 'http://shop.example' },
    });
    assert.equal(browserCall.status, 200);
    assert.equal(browserCall.headers.get('access-control-allow-origin'), '*');
    assert.equal((await browserCall.json()).status, 'succeeded');

    await stop(first);
    const second = await startSandbox(dataDir);
    assert.equal(second.secretKey, first.secretKey);
    assert.equal(second.publishableKey, first.publishableKey);
    const again = await sdk(second).paymentIntents.retrieve(pi.id);
    assert.equal(again.status, 'succeeded');
    assert.equal((await sdk(second).webhookEndpoints.retrieve(endpoint.id)).url, hookUrl);
    await stop(second);
  } finally {
    receiver.close();
  }
});

test('configuration: loopback and port 12111 by default; keys must be test keys; webhook URLs are a comma list', () => {
  const config = standaloneConfig({}, '/srv/app');
  assert.deepEqual([config.host, config.port, config.dataDir, config.webhookUrls], ['127.0.0.1', 12111, '/srv/app/data/sandbox', []]);
  const set = standaloneConfig({ SANDBOX_SECRET_KEY: 'sk_test_fixed', SANDBOX_PUBLISHABLE_KEY: 'pk_test_fixed', SANDBOX_WEBHOOK_URLS: 'http://a/h, http://b/h' }, '/srv/app');
  assert.deepEqual([set.secretKey, set.publishableKey, set.webhookUrls], ['sk_test_fixed', 'pk_test_fixed', ['http://a/h', 'http://b/h']]);
  assert.throws(() => standaloneConfig({ SANDBOX_SECRET_KEY: 'sk_live_nope' }, '/'), /sk_test_/);
  assert.throws(() => standaloneConfig({ SANDBOX_PORT: 'eighty' }, '/'), /SANDBOX_PORT/);
});
