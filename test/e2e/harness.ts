import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '../..');
export const SCREENSHOTS = join(root, 'test-results/e2e');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export interface RunningServer { origin: string; stop(): Promise<void> }

/**
 * Starts the real server (server/main.ts) on a free port with a throwaway store: on the sandbox,
 * or with `stripeEnv` (STRIPE_* variables) as in production.
 */
export async function startServer(stripeEnv: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(join(root, 'dist/link-checkout.js')) || !existsSync(join(root, 'dist/sandbox/stripe.js'))) {
    throw new Error('The widget is not built: run `npm run build` first (npm test does).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'link-checkout-e2e-'));
  // A folder that does not exist yet, as on a fresh clone.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: join(dataDir, 'fresh/pglite') };
  for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_URL', 'LINK_CHECKOUT_SANDBOX']) delete env[key];
  Object.assign(env, stripeEnv);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  const origin = await started.catch((err: Error) => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    origin,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A site owner's page on another origin than the server, holding only the snippet: the ES module,
 * or with `classic` the one-file IIFE build as a plain script.
 */
export async function startSiteOwnerPage(serverOrigin: string, tag: string, { classic = false } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const script = classic
    ? `<script src="${serverOrigin}/link-checkout.iife.js"></script>`
    : `<script type="module" src="${serverOrigin}/link-checkout.js"></script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
${script}</head>
<body><h1>A CMS page</h1>${tag}</body></html>`;
  const server: Server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/shop.html`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Fills what the customer types: the shipping address and a card. */
export const field = (page: Page, label: string) => page.locator('link-checkout').getByLabel(label, { exact: true });

export async function fillCheckout(page: Page, card: string) {
  await field(page, 'Address line 1').fill('354 Oyster Point Blvd');
  await field(page, 'City').fill('South San Francisco');
  await field(page, 'State').fill('CA');
  await field(page, 'ZIP').fill('94080');
  await fillCard(page, card);
}

export async function fillCard(page: Page, card: string) {
  await field(page, 'Card number').fill(card);
  await field(page, 'Expiration date').fill('12 / 34');
  await field(page, 'Security code').fill('123');
}

/**
 * axe-core's WCAG violations (shadow DOM included) as "rule: selector" lines, in the whole page or
 * in what `selector` matches (a modal dialog: the page behind it is dimmed and out of reach).
 */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the pages' CSP refuses inline <script> tags.
  await page.evaluate(readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (selector) => {
    type Axe = { run(context: Element | Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> };
    const { axe } = window as unknown as { axe: Axe };
    const context = selector ? document.querySelector(selector) : document;
    if (!context) throw new Error(`nothing matches ${selector}`);
    const { violations } = await axe.run(context, { resultTypes: ['violations'] });
    return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  }, selector);
}

/** One sandbox server and one browser for a test file, started before and stopped after it. */
export function serverAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  const running = {} as { server: RunningServer; browser: Browser };
  before(async () => {
    running.server = await startServer();
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

/** The order as the server has it, once it has left `pending` (webhooks land asynchronously). */
export async function settledOrder(origin: string, orderId: string): Promise<{ status: string; amount: number; currency: string; mode: string }> {
  for (let i = 0; i < 50; i++) {
    const order = await (await fetch(`${origin}/api/orders/${orderId}`)).json();
    if (order.status !== 'pending') return order;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`order ${orderId} stayed pending`);
}

export interface SuccessDetail { orderId: string; mode: string; status: string; customerId?: string; paymentIntentId?: string; setupIntentId?: string; subscriptionId?: string }

/**
 * Listens for the page's next link-checkout-success before the caller presses Pay; the returned
 * function waits for it. An error event or 20 s without success fails it, so no test hangs.
 */
export async function armSuccess(page: Page): Promise<() => Promise<SuccessDetail>> {
  type Armed = { __success: Promise<SuccessDetail> };
  await page.evaluate(() => {
    (window as unknown as Armed).__success = new Promise((resolve, reject) => {
      document.addEventListener('link-checkout-success', (event) => resolve((event as CustomEvent).detail), { once: true });
      document.addEventListener('link-checkout-error', (event) => reject(new Error(`link-checkout-error: ${JSON.stringify((event as CustomEvent).detail)}`)), { once: true });
      setTimeout(() => reject(new Error('no link-checkout-success within 20 s')), 20_000);
    });
  });
  return () => page.evaluate(() => (window as unknown as Armed).__success);
}
