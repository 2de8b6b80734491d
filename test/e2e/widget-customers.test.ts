import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SANDBOX_SIGNING_SECRET } from '../../sandbox/defaults.ts';
import { signCustomer } from '../../server/pricing/index.ts';
import { armSuccess, field, fillCard, fillCheckout, screenshot, settledOrder, startSiteOwnerPage } from './harness.ts';
import { adminApi, adminServerAndBrowser, customerWithSavedCard, lastSuccess, recordSuccesses } from './widget-harness.ts';

const running = adminServerAndBrowser();
const checkoutIn = (page: Page) => page.locator('link-checkout');
const payButton = (page: Page) => checkoutIn(page).locator('[part="pay-button"]');

async function completeThreeDS(page: Page) {
  await page.getByRole('dialog', { name: /3D Secure/ }).getByRole('button', { name: 'Complete' }).click();
}

describe('returning customers and charge later, through <link-checkout> (sandbox, chromium)', () => {
  test('a signed returning customer sees their saved card and pays with it; the payment is theirs', async () => {
    const customerId = await customerWithSavedCard(running.server.origin, '4242424242424242');
    const signature = await signCustomer(SANDBOX_SIGNING_SECRET, customerId);
    const site = await startSiteOwnerPage(running.server.origin, `<link-checkout item="tshirt" address="none" customer="${customerId}" customer-signature="${signature}"></link-checkout>`);
    const page = await running.browser.newPage();
    try {
      await page.goto(site.url);
      await checkoutIn(page).and(page.locator('[state="ready"]')).waitFor({ timeout: 15_000 });
      const saved = checkoutIn(page).getByRole('group', { name: 'Saved payment methods' });
      const card = saved.getByRole('radio', { name: /Visa •••• 4242/ });
      await card.waitFor();
      assert.equal(await card.isChecked(), true, 'the saved card is chosen');
      await screenshot(page, 'widget-returning-customer-saved-card');

      await field(page, 'Email').fill('returning@example.com');
      const success = await armSuccess(page);
      await payButton(page).click();
      const detail = await success();
      assert.deepEqual([detail.mode, detail.status, detail.customerId], ['payment', 'paid', customerId]);
      await screenshot(page, 'widget-returning-customer-paid');
      assert.equal((await settledOrder(running.server.origin, detail.orderId)).status, 'paid');
      const { order } = (await adminApi(running.server.origin, 'GET', `/orders/${detail.orderId}`)).body;
      assert.equal(order.customerId, customerId);
    } finally {
      await page.close();
      await site.close();
    }
  });

  test('a wrongly signed customer is an error state, with nothing to pay', async () => {
    const customerId = await customerWithSavedCard(running.server.origin, '4242424242424242');
    const forged = await signCustomer('x'.repeat(40), customerId);
    const site = await startSiteOwnerPage(running.server.origin, `<link-checkout item="tshirt" customer="${customerId}" customer-signature="${forged}"></link-checkout>`);
    const page = await running.browser.newPage();
    try {
      await page.goto(site.url);
      await checkoutIn(page).and(page.locator('[state="error"]')).waitFor({ timeout: 15_000 });
      await page.getByRole('alert').filter({ hasText: /not signed by the shop/ }).waitFor();
      assert.equal(await payButton(page).count(), 0);
      await screenshot(page, 'widget-returning-customer-forged');
    } finally {
      await page.close();
      await site.close();
    }
  });

  test('charge later with 4000 0027 6000 3184: the bank asks, the recovery page authenticates, the order is paid', async () => {
    // 1. The customer saves 3184 in setup mode, with 3DS.
    const site = await startSiteOwnerPage(running.server.origin, '<link-checkout mode="setup" currency="usd" customer-email="later@example.com" customer-name="Jenny Rosen"></link-checkout>');
    const setupPage = await running.browser.newPage();
    let customerId: string;
    try {
      await setupPage.goto(site.url);
      await checkoutIn(setupPage).and(setupPage.locator('[state="ready"]')).waitFor({ timeout: 15_000 });
      await fillCheckout(setupPage, '4000 0027 6000 3184');
      const success = await armSuccess(setupPage);
      await payButton(setupPage).click();
      await completeThreeDS(setupPage);
      const detail = await success();
      customerId = detail.customerId!;
      assert.equal((await settledOrder(running.server.origin, detail.orderId)).status, 'saved');
    } finally {
      await setupPage.close();
      await site.close();
    }

    // 2. The merchant charges it off-session: the bank wants the customer (402, a recovery URL).
    const charge = await adminApi(running.server.origin, 'POST', '/charges', { customer: customerId, amount: 1500, currency: 'usd', description: 'Monthly box' });
    assert.equal(charge.status, 402, JSON.stringify(charge.body));
    const { order } = charge.body;
    assert.equal(order.status, 'action_required');
    const recovery = new URL(order.recoveryUrl);
    assert.equal(recovery.pathname, `/pay/${order.id}`);

    // 3. The customer opens the recovery page, pays with 3184 and completes 3DS.
    const page = await running.browser.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    try {
      await recordSuccesses(page);
      await page.goto(new URL(recovery.pathname, running.server.origin).href);
      await checkoutIn(page).and(page.locator('[state="ready"]')).waitFor({ timeout: 15_000 });
      await page.getByRole('heading', { name: 'Complete your payment' }).waitFor();
      assert.equal((await payButton(page).textContent())?.trim(), 'Pay $15.00');
      await screenshot(page, 'widget-recovery-page');
      await field(page, 'Email').fill('later@example.com');
      await fillCard(page, '4000 0027 6000 3184');
      await payButton(page).click();
      await completeThreeDS(page);
      const detail = await lastSuccess(page);
      assert.deepEqual([detail.orderId, detail.status], [order.id, 'paid']);
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      await screenshot(page, 'widget-recovery-paid');
      assert.equal((await settledOrder(running.server.origin, order.id)).status, 'paid');

      // Opened again, the page says it is paid, with nothing to pay.
      await page.reload();
      await page.getByRole('heading', { name: 'Already paid' }).waitFor({ timeout: 15_000 });
      await page.getByRole('alert').filter({ hasText: 'This order is already paid' }).waitFor();
      assert.equal(await payButton(page).count(), 0);
      await screenshot(page, 'widget-recovery-already-paid');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
