// Helpers for the CLI tests: run `bin/link-checkout.js` as a child process, and make orders on a
// running server through its public HTTP API, as a shopper's browser would.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startServer, type RunningServer } from '../e2e/harness.ts';

const BIN = new URL('../../bin/link-checkout.js', import.meta.url).pathname;

// The bin runs dist/cli/main.js when it exists: an old build would test old code, so say so.
const built = new URL('../../dist/cli/main.js', import.meta.url);
const sources = new URL('../../cli/', import.meta.url);
if (existsSync(built)) {
  const newer = readdirSync(sources).filter((name) => statSync(new URL(name, sources)).mtimeMs > statSync(built).mtimeMs);
  if (newer.length) throw new Error(`dist/cli/main.js is older than cli/${newer[0]}: run \`npm run build\` (or node scripts/build-node.mjs).`);
}

export interface CliRun { status: number | null; stdout: string; stderr: string }

/**
 * `link-checkout …` with `env` over a clean environment (no admin settings of the machine). Async,
 * so a fake server in this process keeps answering while the CLI runs.
 */
export function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { LINK_CHECKOUT_URL: _, ADMIN_TOKEN: __, LINK_CHECKOUT_SIGNING_SECRET: ___, ...rest } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...rest, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** stdout as JSON, or a failure that shows what the CLI printed. */
export function jsonOf(run: CliRun): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`not JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * One real server for a test file (server/main.ts on the sandbox, with ADMIN_TOKEN), the CLI
 * pointed at it (`run`), and a shopper making orders on it. Fields are set once `before` ran.
 */
export function cliAgainstServer(adminToken: string) {
  const running = {} as { server: RunningServer; env: Record<string, string>; shop: ReturnType<typeof shopper> };
  before(async () => {
    running.server = await startServer({ ADMIN_TOKEN: adminToken });
    running.env = { LINK_CHECKOUT_URL: running.server.origin, ADMIN_TOKEN: adminToken };
    running.shop = shopper(running.server.origin);
  });
  after(() => running.server?.stop());
  const run = (...args: string[]) => cli(args, running.env);
  /** Exit 0 and the --json output. */
  const ok = async (...args: string[]) => {
    const result = await run(...args, '--json');
    assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    return jsonOf(result);
  };
  return { running, run, ok };
}

/** A shopper on the running server: ConfirmationTokens from the sandbox with the page's key, then checkouts. */
export function shopper(origin: string) {
  let publishableKey: string | undefined;
  const key = async () => (publishableKey ??= ((await (await fetch(`${origin}/api/config`)).json()) as { publishableKey: string }).publishableKey);
  const stripeForm = async (path: string, form: Record<string, string>) => {
    const response = await fetch(`${origin}/sandbox/stripe${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await key()}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as any;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };

  /** The order once its webhooks have moved it out of `pending`. */
  async function settled(orderId: string): Promise<{ status: string }> {
    for (let i = 0; i < 100; i++) {
      const order = (await (await fetch(`${origin}/api/orders/${orderId}`)).json()) as { status: string };
      if (order.status !== 'pending') return order;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`order ${orderId} stayed pending`);
  }

  /** A checkout as the widget makes it (`request`: item, mode, capture…), 3D Secure completed if asked. */
  async function checkout(request: Record<string, unknown>, card = '4242424242424242'): Promise<{ orderId: string; customerId?: string }> {
    const token = await stripeForm('/v1/confirmation_tokens', {
      return_url: 'https://shop.example/checkout',
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': card,
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': String(new Date().getFullYear() + 2),
      'payment_method_data[card][cvc]': '123',
    });
    const response = await fetch(`${origin}/api/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ attemptId: `cli-test-${crypto.randomUUID()}`, confirmationTokenId: token.id, email: 'jenny@example.com', ...request }),
    });
    const body = (await response.json()) as any;
    if (!response.ok) throw new Error(`checkout: ${response.status} ${JSON.stringify(body)}`);
    if (body.status === 'requires_action') {
      await stripeForm(`/_sandbox/3ds/${body.setupIntentId ?? body.paymentIntentId}`, { client_secret: body.clientSecret, outcome: 'complete' });
    }
    await settled(body.orderId);
    return body;
  }

  return { checkout, settled };
}

/** The URL of a port nothing listens on (one just freed), for "could not reach". */
export async function closedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
