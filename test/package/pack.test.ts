// The npm package as a user gets it: `npm pack`, `npm install <tarball>` into an empty folder
// (dependencies from the npm registry or its cache), then the exports, the types, and
// `npx link-checkout serve` paying with 4242 in chromium on the installed package's demo page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { armSuccess, fillCheckout, launchBrowser, settledOrder } from '../e2e/harness.ts';
import { bin, runtimeMissing, sandboxCheckout, startRuntime } from '../e2e/runtime-harness.ts';
import { cleanEnv, startCommand } from './process.ts';

const root = join(import.meta.dirname, '../..');
let dir: string;
let app: string;
let packed: { filename: string; size: number; unpackedSize: number; entryCount: number; files: Array<{ path: string }> };

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const nodeIn = (cwd: string, script: string) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env: cleanEnv(), encoding: 'utf8' }));

before(() => {
  if (!existsSync(join(root, 'dist/server/index.js')) || !existsSync(join(root, 'dist/types/widget/index.d.ts'))) {
    throw new Error('dist/ is not built: run `npm run build` first (npm test does).');
  }
  dir = mkdtempSync(join(tmpdir(), 'link-checkout-pack-'));
  // --ignore-scripts: prepack would build again; npm test has just built.
  [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root));
  app = join(dir, 'shop');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed.filename)], app);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('the npm package, packed and installed into an empty folder', () => {
  test('the tarball holds the built package only: no tests, no TypeScript sources, a bounded size', () => {
    const paths = packed.files.map((file) => file.path);
    console.log(`# ${packed.filename}: ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed.entryCount} files`);
    for (const needed of ['dist/link-checkout.js', 'dist/link-checkout.iife.js', 'dist/types/widget/index.d.ts', 'dist/server/main.js', 'dist/server/index.js',
      'dist/sandbox/index.js', 'dist/sandbox/main.js', 'dist/sandbox/stripe.js', 'dist/cli/main.js', 'dist/custom-elements.json', 'bin/link-checkout.js',
      'server/catalog.sample.json', 'demo/index.html', 'pages/admin.html', 'README.md', 'package.json']) {
      assert.ok(paths.includes(needed), `ships ${needed}`);
    }
    assert.deepEqual(paths.filter((path) => /\.(ts|tsx|mts)$/.test(path) && !path.endsWith('.d.ts')), [], 'no TypeScript sources');
    assert.deepEqual(paths.filter((path) => /^(test|examples|runtimes|scripts|widget\/[^R]|server\/(?!catalog)|sandbox\/(?!README)|cli|protocol)\/?/.test(path) || path.endsWith('.map')), []);
    assert.ok(packed.entryCount < 250, `${packed.entryCount} files`);
    assert.ok(packed.size < 600 * 1024, `${packed.size} bytes packed`);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/link-checkout/package.json'), 'utf8'));
    assert.equal(manifest.private, undefined, 'publishable');
  });

  test('the exports resolve: the element, ./iife, ./server (mounted in a plain node:http app) and ./sandbox', () => {
    const result = nodeIn(app, `
      import { createServer } from 'node:http';
      import { getRequestListener } from '@hono/node-server';
      import { createApp, createPgliteStore, createPriceRules, parseCatalog, createPostgresStore } from 'link-checkout/server';
      import { createStripeEmulator, createSandboxServer } from 'link-checkout/sandbox';
      const catalog = parseCatalog(JSON.parse(await (await import('node:fs/promises')).readFile(new URL(import.meta.resolve('link-checkout/catalog.sample.json')), 'utf8')));
      const emulator = createStripeEmulator();
      const store = await createPgliteStore();
      const checkout = createApp({ stripe: emulator.stripeClient(), store, pricing: createPriceRules({ catalog }), config: { publishableKey: emulator.publishableKey, sandbox: true } });
      // What an Express app does with it: a Node request listener.
      const server = createServer(getRequestListener(checkout.fetch));
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const quote = await (await fetch('http://127.0.0.1:' + server.address().port + '/api/quote?item=tshirt')).json();
      server.close();
      await store.close();
      console.log(JSON.stringify({
        element: import.meta.resolve('link-checkout'), iife: import.meta.resolve('link-checkout/iife'),
        standIn: import.meta.resolve('link-checkout/sandbox/stripe.js'),
        kinds: [typeof createPostgresStore, typeof createSandboxServer], quote: [quote.amount, quote.currency],
      }));
    `);
    assert.match(result.element, /node_modules\/link-checkout\/dist\/link-checkout\.js$/);
    assert.match(result.iife, /node_modules\/link-checkout\/dist\/link-checkout\.iife\.js$/);
    assert.match(result.standIn, /node_modules\/link-checkout\/dist\/sandbox\/stripe\.js$/);
    assert.deepEqual(result.kinds, ['function', 'function']);
    assert.deepEqual(result.quote, [2500, 'usd']);
  });

  test('TypeScript sees the tag, its properties and the typed events (a wrong use fails to compile)', () => {
    writeFileSync(join(app, 'consumer.ts'), `
      import { LinkCheckout, type SuccessDetail, type LinkCheckoutEventMap } from 'link-checkout';
      import { createApp, type Store } from 'link-checkout/server';
      import { createStripeEmulator } from 'link-checkout/sandbox';

      const element = document.createElement('link-checkout');
      const asClass: LinkCheckout = element;
      element.item = 'tshirt';
      element.amount = 2500;
      // @ts-expect-error amount is a number of minor units
      element.amount = '25.00';
      element.addEventListener('link-checkout-success', (event) => {
        const detail: SuccessDetail = event.detail;
        const orderId: string = event.detail.orderId;
        console.log(detail, orderId);
      });
      element.addEventListener('link-checkout-error', (event) => {
        const code: string = event.detail.code;
        // @ts-expect-error an error has no order
        console.log(code, event.detail.orderId);
      });
      const found: LinkCheckout | null = document.querySelector('link-checkout');
      type Success = LinkCheckoutEventMap['link-checkout-success']['detail']['status'];
      const status: Success = 'paid';
      // @ts-expect-error not an outcome
      const wrong: Success = 'done';
      declare const store: Store;
      const app = createApp({ stripe: createStripeEmulator().stripeClient(), store, pricing: { quote: async () => { throw new Error(); }, customer: async () => undefined }, config: { publishableKey: 'pk_test_x', sandbox: true } });
      console.log(asClass, found, status, wrong, app.fetch);
    `);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2023', 'dom', 'dom.iterable'], strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['consumer.ts'],
    }));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    } catch (err) {
      assert.fail(`tsc failed:\n${(err as { stdout: string }).stdout}`);
    }
  });

  test('npx link-checkout --help lists serve and sandbox beside the admin commands', () => {
    const help = execFileSync('npx', ['link-checkout', '--help'], { cwd: app, env: cleanEnv(), encoding: 'utf8' });
    assert.match(help, /^ {2}serve +\S/m);
    assert.match(help, /^ {2}sandbox +\S/m);
    assert.match(help, /^ {2}orders list +\S/m);
  });

  test('npx link-checkout serve (sandbox, no keys): the demo page pays with 4242 in chromium; the data stays in the current folder', async () => {
    const server = await startCommand('npx', ['link-checkout', 'serve', '--port', '0'], { cwd: app, env: cleanEnv({ RECONCILE_INTERVAL_MS: '0' }), listening: /listening on (http:\/\/localhost:\d+)/ });
    const browser = await launchBrowser();
    try {
      assert.match(server.output(), /offline sandbox, embedded store/);
      const page = await browser.newPage();
      await page.goto(server.origin);
      await page.locator('link-checkout[state="ready"]').waitFor({ timeout: 20_000 });
      const success = await armSuccess(page);
      await fillCheckout(page, '4242 4242 4242 4242');
      await page.getByRole('button', { name: /^Pay/ }).click();
      const { orderId } = await success();
      const order = await settledOrder(server.origin, orderId);
      assert.deepEqual([order.status, order.amount, order.currency], ['paid', 2500, 'usd']);
      assert.ok(existsSync(join(app, 'data/pglite/PG_VERSION')), 'the embedded store is in ./data/pglite');
      assert.equal(existsSync(join(app, 'node_modules/link-checkout/data')), false, 'nothing written inside node_modules');
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  test('npx link-checkout sandbox: the standalone emulator, its keys printed, the Stripe.js stand-in served', async () => {
    const sandbox = await startCommand('npx', ['link-checkout', 'sandbox', '--port', '0'], { cwd: app, env: cleanEnv(), listening: /listening on (http:\/\/localhost:\d+)/ });
    try {
      const secretKey = /secret key: +(sk_test_\S+)/.exec(sandbox.output())?.[1];
      assert.ok(secretKey, sandbox.output());
      const standIn = await fetch(`${sandbox.origin}/sandbox/stripe.js`);
      assert.equal(standIn.status, 200);
      assert.match(await standIn.text(), /Stripe/);
      const list = await fetch(`${sandbox.origin}/v1/payment_intents`, { headers: { Authorization: `Bearer ${secretKey}` } });
      assert.equal(list.status, 200);
      assert.equal((await list.json()).object, 'list');
      assert.ok(existsSync(join(app, 'data/sandbox/state.json')), 'state in ./data/sandbox');
    } finally {
      await sandbox.stop();
    }
  });

  for (const [runtime, args] of [['bun', []], ['deno', ['run', '--allow-all', '--no-lock']]] as const) {
    const missing = runtimeMissing(runtime);
    test(`${runtime} runs the installed package's dist/runtimes/${runtime}.js: a sandbox checkout${missing ? ` — ${missing}` : ''}`, { skip: missing }, async () => {
      const server = await startRuntime(bin(runtime), [...args, `node_modules/link-checkout/dist/runtimes/${runtime}.js`], { cwd: app, env: cleanEnv({ PORT: '0' }) });
      try {
        assert.equal((await sandboxCheckout(server.origin)).status, 'paid');
      } finally {
        await server.stop();
      }
    });
  }
});
