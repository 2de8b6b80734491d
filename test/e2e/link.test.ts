import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { field, fillCheckout, screenshot, serverAndBrowser } from './harness.ts';

const running = serverAndBrowser();

/** The demo rebuilt for the sandbox's seeded Link account, as a developer would try it. */
async function openAsLinkCustomer(): Promise<Page> {
  const page = await running.browser.newPage();
  await page.goto(running.server.origin);
  await page.locator('link-checkout[state="ready"]').waitFor({ timeout: 15_000 });
  await page.locator('#options').getByLabel('Email').fill('link-demo@example.com');
  await page.getByRole('button', { name: 'Rebuild the checkout' }).click();
  await page.locator('link-checkout[state="ready"]').waitFor({ timeout: 15_000 });
  await field(page, 'Verification code').waitFor();
  return page;
}

const status = (page: Page, text: RegExp) => page.locator('link-checkout').getByRole('status').filter({ hasText: text });

describe('Link one-time codes through <link-checkout> (sandbox)', () => {
  test('a wrong and an expired code are refused; a good code fills the saved address and card, and pays', async () => {
    const page = await openAsLinkCustomer();
    await field(page, 'Verification code').fill('000001');
    await status(page, /invalid/i).waitFor();
    await field(page, 'Verification code').fill('000002');
    await status(page, /expired/i).waitFor();
    await screenshot(page, 'link-code-expired');

    await field(page, 'Verification code').fill('424242');
    await status(page, /Signed in to Link/).waitFor();
    assert.notEqual(await field(page, 'Address line 1').inputValue(), '');
    await page.locator('link-checkout').getByText('Visa •••• 4242').first().waitFor();
    await screenshot(page, 'link-signed-in');

    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.locator('link-checkout[state="succeeded"]').waitFor({ timeout: 15_000 });
    await page.locator('#order-status', { hasText: /: paid$/ }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'link-paid');
    await page.close();
  });

  test('after too many attempts the code entry locks, and the customer pays without Link', async () => {
    const page = await openAsLinkCustomer();
    await field(page, 'Verification code').fill('000003');
    await status(page, /Maximum attempts/i).waitFor();
    assert.equal(await field(page, 'Verification code').isEditable(), false);
    await page.getByRole('button', { name: 'Continue without Link' }).click();
    await fillCheckout(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.locator('link-checkout[state="succeeded"]').waitFor({ timeout: 15_000 });
    await page.close();
  });
});
