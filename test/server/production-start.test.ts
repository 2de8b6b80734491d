// The production path: after `npm run build`, `node dist/server/main.js` runs from a folder that
// holds only the built files and the production dependencies (what `npm prune --omit=dev` leaves),
// with no tsx. It answers /healthz and /api/config, serves pages with their security headers, and
// on SIGTERM finishes a request that is still arriving before it exits.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';

const root = join(import.meta.dirname, '../..');
let dir: string;

/** The production dependency tree as npm resolves it (offline), copied as installed. */
function copyProductionDependencies(target: string) {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' });
  const paths = listed.stdout.split('\n').map((line) => line.trim()).filter((line) => line.startsWith(join(root, 'node_modules') + sep)).sort();
  assert.ok(paths.length > 5, `npm ls listed production dependencies:\n${listed.stderr}`);
  let copiedUnder = '\0';
  for (const path of paths) {
    if (path.startsWith(copiedUnder + sep)) continue; // already copied with its parent
    cpSync(path, join(target, relative(root, path)), { recursive: true });
    copiedUnder = path;
  }
}

before(() => {
  if (!existsSync(join(root, 'dist/server/main.js')) || !existsSync(join(root, 'dist/link-checkout.js'))) {
    throw new Error('dist/ is not built: run `npm run build` first (npm test does).');
  }
  dir = mkdtempSync(join(tmpdir(), 'link-checkout-prod-'));
  for (const path of ['package.json', 'dist', 'demo', 'pages', 'server/catalog.sample.json']) cpSync(join(root, path), join(dir, path), { recursive: true });
  copyProductionDependencies(dir);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

interface Started { child: ChildProcess; origin: string; output: () => string; exited: Promise<number | null> }

/** Both starts share one data folder: the second finds the database made by the first. */
async function start(extraEnv: Record<string, string> = {}): Promise<Started> {
  // Only what a host would set: no NODE_OPTIONS, so no tsx loader can sneak in.
  const env = { PATH: process.env.PATH ?? '', HOME: dir, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), ...extraEnv };
  const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${output}`)); });
  });
  return { child, origin: `http://127.0.0.1:${port}`, output: () => output, exited };
}

describe('node dist/server/main.js with production dependencies only', () => {
  test('the folder has no dev dependency (tsx, typescript, esbuild)', () => {
    for (const name of ['tsx', 'typescript', 'esbuild', 'vite']) assert.equal(existsSync(join(dir, 'node_modules', name)), false, name);
    assert.equal(existsSync(join(dir, 'node_modules/@electric-sql/pglite')), true);
  });

  test('on the sandbox: /healthz, /api/config, pages with security headers, the widget cross-origin; SIGTERM lets a slow request finish', async () => {
    const server = await start();
    try {
      const health = await fetch(`${server.origin}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', store: 'reachable' });

      const config = await (await fetch(`${server.origin}/api/config`)).json();
      assert.equal(config.sandbox, true);

      const page = await fetch(`${server.origin}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
      const widget = await fetch(`${server.origin}/link-checkout.js`, { headers: { Origin: 'https://cms.example' } });
      assert.equal(widget.status, 200);
      assert.equal(widget.headers.get('access-control-allow-origin'), '*');
      assert.equal(widget.headers.get('content-encoding'), 'gzip');
      assert.match(widget.headers.get('vary') ?? '', /accept-encoding/i);
      const chunk = /import\(`\.\/(link-checkout-extras-[\w-]+\.js)`\)/.exec(await widget.clone().text())?.[1];
      assert.ok(chunk, 'the entry names its lazy chunk');
      const chunkResponse = await fetch(`${server.origin}/${chunk}`);
      assert.equal(chunkResponse.status, 200);
      assert.match(chunkResponse.headers.get('cache-control') ?? '', /immutable/);
      assert.match(await widget.text(), /customElements\.define\(`link-checkout`[\s\S]*__linkCheckoutConfig/, 'the whole script, config appended, comes through');

      // A real checkout whose body is still arriving when SIGTERM comes.
      const tokenResponse = await fetch(`${server.origin}/sandbox/stripe/v1/confirmation_tokens`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${config.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'payment_method_data[type]': 'card', 'payment_method_data[card][number]': '4242424242424242', 'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': '2034', 'payment_method_data[card][cvc]': '123', return_url: 'https://shop.example/' }),
      });
      const token = ((await tokenResponse.json()) as { id: string }).id;
      const body = JSON.stringify({ attemptId: crypto.randomUUID(), confirmationTokenId: token, item: 'tshirt' });
      const { port } = new URL(server.origin);
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/checkout', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
          let text = '';
          res.on('data', (chunk) => { text += chunk; });
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 20));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(20)), 700);
        }, 200);
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await assert.rejects(fetch(`${server.origin}/healthz`), 'no new connections once draining');
      const { status, body: text } = await answer;
      assert.equal(status, 200, text);
      assert.equal(JSON.parse(text).status, 'succeeded');
      assert.equal(await server.exited, 0, server.output());
      assert.match(server.output(), /SIGTERM: finishing open requests/);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  test('with Stripe keys it runs on Stripe (here: the emulator over HTTP via STRIPE_API_URL)', async () => {
    const { createStripeEmulator } = await import('../../sandbox/api/index.ts');
    const { serve } = await import('@hono/node-server');
    const keys = { secretKey: 'sk_test_prod_0123456789abcdef', publishableKey: 'pk_test_prod_0123456789abcdef' };
    const emulator = createStripeEmulator(keys);
    const api = await new Promise<{ port: number; close(): void }>((resolve) => {
      const server = serve({ fetch: emulator.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ port: info.port, close: () => server.close() }));
    });
    const server = await start({ STRIPE_SECRET_KEY: keys.secretKey, STRIPE_PUBLISHABLE_KEY: keys.publishableKey, STRIPE_API_URL: `http://127.0.0.1:${api.port}` });
    try {
      assert.deepEqual(await (await fetch(`${server.origin}/api/config`)).json(), { publishableKey: keys.publishableKey, sandbox: false });
      assert.match(server.output(), /ALLOWED_ORIGINS is not set/, 'real mode warns when any origin may call');
      const csp = (await fetch(`${server.origin}/`)).headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self' https:\/\/js\.stripe\.com/);
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    } finally {
      server.child.kill('SIGKILL');
      api.close();
    }
  });
});
