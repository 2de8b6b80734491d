// Browser tests (widget and Stripe.js stand-in) in Debian's chromium. The dev server also hosts
// the real server app on the sandbox, in-process, so browser tests talk to real routes.
// Run through `node --import tsx` (see package.json): this config imports TypeScript.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createSandboxServer } from './sandbox/wire.ts';
import { parseCatalog } from './server/pricing/index.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const catalog = parseCatalog(JSON.parse(readFileSync(new URL('./server/catalog.sample.json', import.meta.url), 'utf8')));
let sandboxPromise;
const sandbox = () => (sandboxPromise ??= createSandboxServer({ catalog }));

let standInScript;
async function standInBundle() {
  standInScript ??= build({ entryPoints: ['sandbox/stripe-js/iife.ts'], bundle: true, format: 'iife', target: 'es2022', write: false })
    .then((result) => result.outputFiles[0].text);
  return standInScript;
}

// Start both now: the embedded store takes seconds to open, which a first test would otherwise pay.
sandbox();
standInBundle();

const readBody = (req) => new Promise((resolve, reject) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => resolve(Buffer.concat(chunks)));
  req.on('error', reject);
});

/** Koa middleware handing /api/* and /sandbox/* (but not the stand-in's source files) to the Hono app. */
async function sandboxMiddleware(ctx, next) {
  const path = ctx.path;
  if (path === '/sandbox/stripe.js') {
    ctx.type = 'application/javascript';
    ctx.body = await standInBundle();
    return;
  }
  if (path === '/sandbox/test-keys') {
    // Test-only: browser tests create server-side objects (SetupIntents, Checkout Sessions) with it.
    const { emulator } = await sandbox();
    ctx.body = { publishableKey: emulator.publishableKey, secretKey: emulator.secretKey };
    return;
  }
  if (!path.startsWith('/api/') && !path.startsWith('/sandbox/stripe/')) return next();
  const { app } = await sandbox();
  const method = ctx.method;
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(ctx.req);
  const response = await app.fetch(new Request(`http://${ctx.host}${ctx.url}`, { method, headers: ctx.req.headers, body }));
  ctx.status = response.status;
  response.headers.forEach((value, key) => ctx.set(key, value));
  ctx.body = Buffer.from(await response.arrayBuffer());
}

export default {
  files: ['test/widget/**/*.test.ts', 'test/stand-in/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  middleware: [sandboxMiddleware],
  browsers: [chromeLauncher({ launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS } })],
};
