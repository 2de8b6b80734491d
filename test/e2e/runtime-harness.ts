// Helpers for the runtime tests (runtimes-*.test.ts): start a server process of another runtime,
// and walk one sandbox checkout through its HTTP API as the widget would.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');
export const bin = (name: string) => join(root, 'node_modules/.bin', name);

export interface RuntimeProcess { origin: string; output(): string; stop(): Promise<void> }

/**
 * Spawns `command` and waits for its "listening on http://host:port" line (our entries print
 * one; workerd prints nothing, so `origin` can be given) and for /healthz to answer.
 */
export async function startRuntime(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; origin?: string; ready?: number } = {}): Promise<RuntimeProcess> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd ?? root, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk; });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
  const deadline = Date.now() + 60_000;
  let origin = options.origin;
  let exitCode: number | null | undefined;
  void exited.then((code) => { exitCode = code; });
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${command} exited with ${exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} did not start in 60 s:\n${output}`);
    }
    if (!options.origin) origin = /listening on (http:\/\/[\w.:[\]-]+)/.exec(output)?.[1];
    // Up once /healthz answers (200, or `ready`: a Worker without its database answers 503).
    if (origin && (await fetch(`${origin}/healthz`).then((r) => r.status === (options.ready ?? 200), () => false))) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin: origin!,
    output: () => output,
    async stop() {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

async function json(response: Response): Promise<any> {
  const text = await response.text();
  assert.ok(response.ok, `${response.url}: HTTP ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * The widget's calls for one payment: config, quote, a ConfirmationToken made on the emulator's
 * browser route with the publishable key (as the Stripe.js stand-in makes it), checkout, then the
 * order read back until the webhook has marked it paid. Returns the order.
 */
export async function sandboxCheckout(origin: string): Promise<{ id: string; status: string; amount: number; currency: string }> {
  const config = await json(await fetch(`${origin}/api/config`));
  assert.equal(config.sandbox, true);
  assert.match(config.publishableKey, /^pk_test_/);

  const quote = await json(await fetch(`${origin}/api/quote?item=tshirt`));
  assert.deepEqual({ amount: quote.amount, currency: quote.currency, rule: quote.rule }, { amount: 2500, currency: 'usd', rule: 'catalog' });

  const token = await json(await fetch(`${origin}/sandbox/stripe/v1/confirmation_tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${config.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      'payment_method_data[type]': 'card', 'payment_method_data[card][number]': '4242424242424242',
      'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': '2034', 'payment_method_data[card][cvc]': '123',
      return_url: 'https://shop.example/',
    }),
  }));
  assert.match(token.id, /^ctoken_/);

  const checkout = await json(await fetch(`${origin}/api/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId: crypto.randomUUID(), confirmationTokenId: token.id, item: 'tshirt', email: 'jenny@example.com' }),
  }));
  assert.equal(checkout.status, 'succeeded');
  assert.match(checkout.orderId, /^ord_/);

  for (let i = 0; i < 50; i++) {
    const order = await json(await fetch(`${origin}/api/orders/${checkout.orderId}`));
    if (order.status !== 'pending') return order;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`order ${checkout.orderId} stayed pending: the webhook never marked it`);
}

/** A port nobody listens on right now, for a process that cannot be told to pick one (workerd). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Why a runtime's binary is missing (its package installs it from the npm registry), or undefined when it runs. */
export function runtimeMissing(name: 'bun' | 'deno' | 'workerd'): string | undefined {
  const run = spawnSync(bin(name), ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? undefined : `skipped: ${name} did not run here (${run.error?.message ?? run.stderr.trim()}); npm install installs it from the ${name} package`;
}
