// examples/react, examples/vue and examples/svelte: each type-checked with its framework's
// checker (tsc, vue-tsc, svelte-check: the tag's typings must hold), built with Vite against the
// package, served from a static host of its own, and paid with 4242 in chromium on the sandbox
// server named by VITE_LINK_CHECKOUT_SERVER. The frameworks are root devDependencies (one
// install for all); `link-checkout` is the package itself, linked into each example's
// node_modules as `npm install` links its `file:../..` dependency, so Vite and the checkers
// resolve it through package.json `exports` to dist/ and dist/types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { armSuccess, fillCheckout, serverAndBrowser, settledOrder } from './harness.ts';
import { serveFolders } from './static-site.ts';

const root = join(import.meta.dirname, '../..');
const tool = (path: string) => join(root, 'node_modules', path);
const running = serverAndBrowser();
let outDir: string;

const EXAMPLES = {
  react: [tool('typescript/bin/tsc'), '-p', 'tsconfig.json'],
  vue: [tool('vue-tsc/bin/vue-tsc.js'), '-p', 'tsconfig.json'],
  svelte: [tool('svelte-check/bin/svelte-check'), '--workspace', '.', '--fail-on-warnings'],
};

/** What `npm install` makes of `"link-checkout": "file:../.."`: a link to the package folder. */
function linkPackage(example: string) {
  const link = join(example, 'node_modules/link-checkout');
  if (existsSync(link) && lstatSync(link).isSymbolicLink()) return;
  mkdirSync(join(example, 'node_modules'), { recursive: true });
  symlinkSync('../../..', link);
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  try {
    execFileSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const { stdout, stderr } = err as { stdout: string; stderr: string };
    assert.fail(`${args.slice(0, 2).join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

before(() => {
  if (!existsSync(join(root, 'dist/types/widget/index.d.ts'))) throw new Error('dist/ is not built: run `npm run build` first (npm test does).');
  outDir = mkdtempSync(join(tmpdir(), 'link-checkout-examples-'));
});
after(() => { if (outDir) rmSync(outDir, { recursive: true, force: true }); });

describe('framework examples, built with Vite and paid in chromium', () => {
  for (const [name, typecheck] of Object.entries(EXAMPLES)) {
    test(`examples/${name}: type-checked, built against the package, a property and an attribute set, 4242 pays, the typed success event shows the order`, async () => {
      const example = join(root, 'examples', name);
      const out = join(outDir, name);
      linkPackage(example);
      run(typecheck, example);
      run([tool('vite/bin/vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], example, { ...process.env, VITE_LINK_CHECKOUT_SERVER: running.server.origin });

      const site = await serveFolders({ '/': out });
      const page = await running.browser.newPage();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      try {
        await page.goto(site.origin);
        const checkout = page.locator('link-checkout');
        await checkout.and(page.locator('[state="ready"]')).waitFor({ timeout: 20_000 });
        // customerName went in as a property, customer-email as an attribute, theme reflects.
        assert.deepEqual(await checkout.evaluate((element: HTMLElement & { customerName: string; customerEmail: string }) =>
          [element.customerName, element.getAttribute('customer-email'), element.customerEmail, element.getAttribute('theme')]),
        ['Jenny Rosen', 'jenny@example.com', 'jenny@example.com', 'flat']);
        const success = await armSuccess(page);
        await fillCheckout(page, '4242 4242 4242 4242');
        await page.getByRole('button', { name: /^Pay/ }).click();
        const { orderId } = await success();
        // The framework's own listener rendered the typed detail.
        await page.locator('#result', { hasText: `paid: ${orderId}` }).waitFor();
        const order = await settledOrder(running.server.origin, orderId);
        assert.deepEqual([order.status, order.amount], ['paid', 2500]);
        assert.deepEqual(pageErrors, []);
      } finally {
        await page.close();
        await site.close();
      }
    });
  }
});
