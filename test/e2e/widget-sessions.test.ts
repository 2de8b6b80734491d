import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, screenshot, settledOrder, startSiteOwnerPage } from './harness.ts';
import { adminApi, adminServerAndBrowser, customerWithSavedCard, lastSuccess, recordSuccesses } from './widget-harness.ts';

const running = adminServerAndBrowser();

/** A site owner's page on another origin with only `tag`, once the checkout is ready. */
async function siteWith(tag: string, run: (page: Page, siteUrl: string) => Promise<void>) {
  const site = await startSiteOwnerPage(running.server.origin, tag);
  const page = await running.browser.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  try {
    await recordSuccesses(page);
    await page.goto(site.url);
    await page.locator('link-checkout[state="ready"]').waitFor({ timeout: 15_000 });
    await run(page, site.url);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await site.close();
  }
}

/** What the customer does in (the stand-in for) Stripe's embedded Checkout form of a setup session. */
async function saveCardInEmbeddedCheckout(checkout: Locator) {
  const email = checkout.getByLabel('Email');
  if (await email.count()) await email.fill('embedded@example.com');
  await checkout.getByLabel('Card number').fill('4242 4242 4242 4242');
  await checkout.getByLabel('Expiration date').fill('12 / 34');
  await checkout.getByLabel('Security code').fill('123');
  await checkout.getByLabel('Cardholder name').fill('Jenny Rosen');
  await checkout.getByRole('button', { name: 'Save card' }).click();
}

/** The order is saved, and the card it saved is its customer's default (seed 003 § Retrieve the SetupIntent). */
async function assertSavedAsDefault(orderId: string, customerId: string | undefined) {
  const order = await settledOrder(running.server.origin, orderId);
  assert.deepEqual([order.mode, order.status], ['setup', 'saved']);
  assert.match(customerId ?? '', /^cus_/);
  const customer = await adminApi(running.server.origin, 'GET', `/customers/${customerId}`);
  assert.equal(customer.status, 200, JSON.stringify(customer.body));
  assert.match(customer.body.defaultPaymentMethod ?? '', /^pm_/);
  assert.equal(customer.body.paymentMethods[0].isDefault, true);
}

describe('<link-checkout ui="hosted|embedded">: Stripe Checkout from the same tag (sandbox, chromium)', () => {
  test('hosted setup: the button goes to Stripe\'s page, and back on the site the card is saved as the default', () =>
    siteWith('<link-checkout ui="hosted" mode="setup" currency="usd" customer-email="jenny@example.com"></link-checkout>', async (page, siteUrl) => {
      const button = page.getByRole('button', { name: 'Save payment details with Stripe' });
      assert.deepEqual(await axeViolations(page, 'link-checkout'), []);
      await screenshot(page, 'widget-hosted-setup-button');
      await button.click();
      await page.waitForURL(/\/_sandbox\/checkout\/cs_test_/);
      await page.getByLabel('Card number').fill('4242424242424242');
      await page.getByLabel('Expiry month').fill('12');
      await page.getByLabel('Expiry year').fill(String(new Date().getFullYear() + 2));
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: 'Save card' }).click();

      await page.waitForURL((url) => url.href.startsWith(siteUrl));
      const detail = await lastSuccess(page);
      assert.deepEqual([detail.mode, detail.status], ['setup', 'saved']);
      await page.getByText('Your payment details are saved.').waitFor();
      assert.equal(new URL(page.url()).searchParams.get('session_id'), null, 'session_id is removed');
      await screenshot(page, 'widget-hosted-setup-saved');
      await assertSavedAsDefault(detail.orderId, detail.customerId);
    }));

  test('embedded setup: Stripe\'s form in the page, then the same return and a default card', () =>
    siteWith('<link-checkout ui="embedded" mode="setup" currency="usd"></link-checkout>', async (page) => {
      const checkout = page.locator('link-checkout [slot="checkout"]');
      await checkout.getByRole('button', { name: 'Save card' }).waitFor();
      assert.equal(await page.locator('link-checkout').getByRole('button', { name: /with Stripe|Continue|Pay/ }).count(), 0, 'Checkout has its own button');
      await screenshot(page, 'widget-embedded-setup-form');
      await saveCardInEmbeddedCheckout(checkout);

      const detail = await lastSuccess(page);
      assert.deepEqual([detail.mode, detail.status], ['setup', 'saved']);
      assert.equal(await page.locator('link-checkout [slot="checkout"]').count(), 0, 'no second Checkout after the return');
      await screenshot(page, 'widget-embedded-setup-saved');
      await assertSavedAsDefault(detail.orderId, detail.customerId);
    }));

  test("the shop's embedded setup session on /pay/:orderId: mounted from the order, and its return is the order's", async () => {
    const customerId = await customerWithSavedCard(running.server.origin, '4242424242424242');
    const created = await adminApi(running.server.origin, 'POST', '/checkout-sessions', { mode: 'setup', ui: 'embedded', customer: customerId });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const pageUrl = new URL(new URL(created.body.pageUrl).pathname, running.server.origin).href;
    const page = await running.browser.newPage();
    try {
      await recordSuccesses(page);
      await page.goto(pageUrl);
      const checkout = page.locator('link-checkout [slot="checkout"]');
      await checkout.getByRole('button', { name: 'Save card' }).waitFor({ timeout: 15_000 });
      await saveCardInEmbeddedCheckout(checkout);

      const detail = await lastSuccess(page);
      assert.deepEqual([detail.orderId, detail.status], [created.body.orderId, 'saved']);
      await page.getByRole('heading', { name: 'Payment details saved' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `/pay/${created.body.orderId}`);
      await screenshot(page, 'widget-pay-page-embedded-setup-saved');
      assert.equal((await settledOrder(running.server.origin, created.body.orderId)).status, 'saved');
    } finally {
      await page.close();
    }
  });
});
