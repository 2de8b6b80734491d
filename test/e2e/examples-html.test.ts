// examples/plain-html (the IIFE from the checkout server) and examples/cdn (the ES module from a
// CDN, the API named with `server`): each page served as is from a static host of its own, its
// http://localhost:8787 pointed at the test's sandbox server and, for the CDN, unpkg pointed at a
// local host of the package's dist/ under the same path; then 4242 pays in chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { armSuccess, fillCheckout, serverAndBrowser, settledOrder } from './harness.ts';
import { serveFolders, type StaticSite } from './static-site.ts';

const root = join(import.meta.dirname, '../..');
const running = serverAndBrowser();
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

async function payOn(site: StaticSite, expectTheme: string) {
  const page = await running.browser.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  try {
    await page.goto(site.origin);
    const checkout = page.locator('link-checkout');
    await checkout.and(page.locator('[state="ready"]')).waitFor({ timeout: 20_000 });
    assert.equal(await checkout.getAttribute('theme'), expectTheme);
    const success = await armSuccess(page);
    await fillCheckout(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay/ }).click();
    const { orderId } = await success();
    await page.locator('#result', { hasText: `paid: ${orderId}` }).waitFor();
    assert.equal((await settledOrder(running.server.origin, orderId)).status, 'paid');
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
}

describe('plain HTML and CDN examples, in chromium', () => {
  test('examples/plain-html: the one-file IIFE from the checkout server on another origin; 4242 pays', async () => {
    const html = readFileSync(join(root, 'examples/plain-html/index.html'), 'utf8');
    assert.match(html, /<script src="http:\/\/localhost:8787\/link-checkout\.iife\.js">/);
    const site = await serveFolders({ '/': join(root, 'examples/plain-html') }, (page) => page.replaceAll('http://localhost:8787', running.server.origin));
    try {
      await payOn(site, 'stripe');
    } finally {
      await site.close();
    }
  });

  test(`examples/cdn: the ES module from unpkg.com/link-checkout@${version}/dist/ (here a local host of dist/), the API from \`server\`; a property set; 4242 pays`, async () => {
    const html = readFileSync(join(root, 'examples/cdn/index.html'), 'utf8');
    assert.ok(html.includes(`https://unpkg.com/link-checkout@${version}/dist/link-checkout.js`), 'the documented URL names this version');
    const cdn = await serveFolders({ [`/link-checkout@${version}/dist/`]: join(root, 'dist') });
    const site = await serveFolders({ '/': join(root, 'examples/cdn') }, (page) =>
      page.replaceAll('https://unpkg.com', cdn.origin).replaceAll('http://localhost:8787', running.server.origin));
    try {
      await payOn(site, 'night');
    } finally {
      await site.close();
      await cdn.close();
    }
  });
});
