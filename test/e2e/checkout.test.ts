import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, field, fillCard, fillCheckout, screenshot, serverAndBrowser, startSiteOwnerPage } from './harness.ts';

const running = serverAndBrowser();

const checkoutIn = (page: Page) => page.locator('link-checkout');
const payButton = (page: Page) => page.getByRole('button', { name: /^Pay/ });

async function openDemo(): Promise<Page> {
  const page = await running.browser.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(running.server.origin);
  await checkoutIn(page).and(page.locator('[state="ready"]')).waitFor({ timeout: 15_000 });
  assert.deepEqual(pageErrors, []);
  return page;
}

async function expectPaid(page: Page) {
  await checkoutIn(page).and(page.locator('[state="succeeded"]')).waitFor({ timeout: 15_000 });
  await page.locator('#log [data-event="link-checkout-success"]').waitFor();
  // The webhook, not the browser, marks the order paid; the demo polls the server for it.
  await page.locator('#order-status', { hasText: /: paid$/ }).waitFor({ timeout: 15_000 });
}

describe('the demo on the real server and the sandbox, in chromium', () => {
  test('the Elements render in order, prefilled, with the price on the Pay button and the sandbox badge', async () => {
    const page = await openDemo();
    assert.equal(await field(page, 'Email').inputValue(), 'jenny@example.com');
    assert.equal(await field(page, 'Full name').inputValue(), 'Jenny Rosen');
    assert.equal(await payButton(page).textContent().then((t) => t?.trim()), 'Pay $25.00');
    await page.getByText('Sandbox', { exact: true }).waitFor();
    const order = await page.evaluate(() => {
      const fields = ['Email', 'Address line 1', 'Card number'].map((label) =>
        [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)?.control ?? null);
      return fields.every(Boolean) && fields[0]!.compareDocumentPosition(fields[1]!) & Node.DOCUMENT_POSITION_FOLLOWING &&
        fields[1]!.compareDocumentPosition(fields[2]!) & Node.DOCUMENT_POSITION_FOLLOWING ? 'email, address, payment' : 'wrong order';
    });
    assert.equal(order, 'email, address, payment');
    await page.close();
  });

  test('4242 4242 4242 4242 pays, and the webhook marks the order paid', async () => {
    const page = await openDemo();
    await fillCheckout(page, '4242 4242 4242 4242');
    await payButton(page).click();
    await expectPaid(page);
    await screenshot(page, 'card-4242-succeeded');
    await page.close();
  });

  test('4000 0000 0000 3220 asks for 3DS; Complete pays', async () => {
    const page = await openDemo();
    await fillCheckout(page, '4000 0000 0000 3220');
    await payButton(page).click();
    const dialog = page.getByRole('dialog', { name: /3D Secure/ });
    await dialog.waitFor();
    await screenshot(page, 'card-3220-challenge');
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await expectPaid(page);
    await screenshot(page, 'card-3220-completed');
    await page.close();
  });

  test('4000 0000 0000 3220 with Fail shows an error, and nothing is paid', async () => {
    const page = await openDemo();
    await fillCheckout(page, '4000 0000 0000 3220');
    await payButton(page).click();
    await page.getByRole('dialog', { name: /3D Secure/ }).getByRole('button', { name: 'Fail' }).click();
    await checkoutIn(page).and(page.locator('[state="failed"]')).waitFor();
    await page.getByRole('alert').filter({ hasText: /bank could not confirm/i }).waitFor();
    await page.locator('#log [data-event="link-checkout-error"]').waitFor();
    await screenshot(page, 'card-3220-failed');
    await page.close();
  });

  test('4000 0000 0000 0002 is declined with a clear message; a retry with 4242 pays', async () => {
    const page = await openDemo();
    await fillCheckout(page, '4000 0000 0000 0002');
    await payButton(page).click();
    await checkoutIn(page).and(page.locator('[state="failed"]')).waitFor();
    await page.getByRole('alert').filter({ hasText: /declined/i }).waitFor();
    await screenshot(page, 'card-0002-declined');
    await fillCard(page, '4242 4242 4242 4242');
    await payButton(page).click();
    await expectPaid(page);
    await screenshot(page, 'card-0002-retry-succeeded');
    await page.close();
  });

  test('axe finds no accessibility violations: ready, after a decline, and in the 3DS dialog', async () => {
    const page = await openDemo();
    assert.deepEqual(await axeViolations(page), []);
    await fillCheckout(page, '4000 0000 0000 0002');
    await payButton(page).click();
    await page.getByRole('alert').filter({ hasText: /declined/i }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await fillCard(page, '4000 0000 0000 3220');
    await payButton(page).click();
    await page.getByRole('dialog', { name: /3D Secure/ }).waitFor();
    assert.deepEqual(await axeViolations(page, '[role="dialog"]'), []);
    await page.close();
  });

  for (const classic of [false, true]) {
    test(`the snippet alone works on a site owner's page on another origin (${classic ? 'one-file IIFE, classic script' : 'ES module'})`, async () => {
      const site = await startSiteOwnerPage(running.server.origin, '<link-checkout item="mug" customer-email="jenny@example.com" customer-name="Jenny Rosen"></link-checkout>', { classic });
      try {
        const page = await running.browser.newPage();
        const asked: string[] = [];
        page.on('request', (request) => asked.push(new URL(request.url()).pathname));
        await page.goto(site.url);
        await checkoutIn(page).and(page.locator('[state="ready"]')).waitFor({ timeout: 15_000 });
        assert.equal(await payButton(page).textContent().then((t) => t?.trim()), 'Pay $12.00');
        // The server put its public config and the catalog's quotes in the script: no round trip
        // to /api/config or /api/quote before Stripe.js and the Elements.
        assert.ok(!asked.includes('/api/config') && !asked.includes('/api/quote'), asked.join(', '));
        assert.ok(asked.includes('/sandbox/stripe.js'));
        await fillCheckout(page, '4242424242424242');
        await payButton(page).click();
        await checkoutIn(page).and(page.locator('[state="succeeded"]')).waitFor({ timeout: 15_000 });
        await screenshot(page, classic ? 'cross-origin-iife-succeeded' : 'cross-origin-succeeded');
        await page.close();
      } finally {
        await site.close();
      }
    });
  }
});
