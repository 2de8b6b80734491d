import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { armSuccess, field, fillCard, fillCheckout, screenshot, serverAndBrowser, settledOrder, startSiteOwnerPage } from './harness.ts';

const running = serverAndBrowser();
const checkoutIn = (page: Page) => page.locator('link-checkout');
const actionButton = (page: Page) => checkoutIn(page).locator('[part="pay-button"]');

/** A site owner's page on another origin with only the snippet `tag`, ready to pay. */
async function siteWith(tag: string, run: (page: Page) => Promise<void>) {
  const site = await startSiteOwnerPage(running.server.origin, tag);
  const page = await running.browser.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  try {
    await page.goto(site.url);
    await checkoutIn(page).and(page.locator('[state="ready"]')).waitFor({ timeout: 15_000 });
    await run(page);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await site.close();
  }
}

async function payAndSettle(page: Page, name: string) {
  const success = await armSuccess(page);
  await actionButton(page).click();
  const detail = await success();
  await checkoutIn(page).and(page.locator('[state="succeeded"]')).waitFor();
  await screenshot(page, name);
  return { detail, order: await settledOrder(running.server.origin, detail.orderId) };
}

async function completeThreeDS(page: Page) {
  await page.getByRole('dialog', { name: /3D Secure/ }).getByRole('button', { name: 'Complete' }).click();
}

const JENNY = 'customer-email="jenny@example.com" customer-name="Jenny Rosen"';

describe('every mode from one tag, on a site owner\'s page on another origin (sandbox, chromium)', () => {
  test('setup with 4242 saves the card and charges nothing', () =>
    siteWith(`<link-checkout mode="setup" currency="usd" ${JENNY}></link-checkout>`, async (page) => {
      assert.equal((await actionButton(page).textContent())?.trim(), 'Save payment details');
      await fillCheckout(page, '4242 4242 4242 4242');
      const { detail, order } = await payAndSettle(page, 'mode-setup-4242');
      assert.deepEqual([detail.mode, detail.status], ['setup', 'saved']);
      assert.match(detail.setupIntentId!, /^seti_/);
      assert.deepEqual([order.status, order.amount], ['saved', 0]);
    }));

  test('setup with 3220 asks for 3DS; Complete saves it', () =>
    siteWith(`<link-checkout mode="setup" currency="eur" ${JENNY}></link-checkout>`, async (page) => {
      await fillCheckout(page, '4000 0000 0000 3220');
      const success = await armSuccess(page);
      await actionButton(page).click();
      await completeThreeDS(page);
      const detail = await success();
      await screenshot(page, 'mode-setup-3220-completed');
      assert.equal((await settledOrder(running.server.origin, detail.orderId)).status, 'saved');
    }));

  test('subscription with 4242: the webhook makes the order active', () =>
    siteWith(`<link-checkout item="pro-monthly" ${JENNY}></link-checkout>`, async (page) => {
      assert.equal((await actionButton(page).textContent())?.trim(), 'Subscribe $9.00/month');
      await fillCheckout(page, '4242 4242 4242 4242');
      const { detail, order } = await payAndSettle(page, 'mode-subscription-active');
      assert.match(detail.subscriptionId!, /^sub_/);
      assert.deepEqual([order.mode, order.status, order.amount], ['subscription', 'active', 900]);
    }));

  test('a signed 25.00 EUR is charged exactly that', async () => {
    const { signature } = await (await fetch(`${running.server.origin}/sandbox/sign?amount=2500&currency=eur&label=Workshop%20ticket`)).json();
    await siteWith(`<link-checkout amount="2500" currency="eur" label="Workshop ticket" signature="${signature}" ${JENNY}></link-checkout>`, async (page) => {
      assert.equal((await actionButton(page).textContent())?.trim(), 'Pay €25.00');
      await fillCheckout(page, '4242 4242 4242 4242');
      const { order } = await payAndSettle(page, 'price-signed-eur');
      // `paid` means the webhook saw amount_received equal to the server's 2500 EUR.
      assert.deepEqual([order.status, order.amount, order.currency], ['paid', 2500, 'eur']);
    });
  });

  test('a tampered signed amount shows an error and offers nothing to pay', async () => {
    const { signature } = await (await fetch(`${running.server.origin}/sandbox/sign?amount=2500&currency=eur`)).json();
    const site = await startSiteOwnerPage(running.server.origin, `<link-checkout amount="100" currency="eur" signature="${signature}"></link-checkout>`);
    const page = await running.browser.newPage();
    await page.goto(site.url);
    await checkoutIn(page).and(page.locator('[state="error"]')).waitFor({ timeout: 15_000 });
    await page.getByRole('alert').filter({ hasText: /not signed by the shop/ }).waitFor();
    assert.equal(await actionButton(page).count(), 0);
    await screenshot(page, 'price-signed-tampered');
    await page.close();
    await site.close();
  });

  test('an open amount the shopper changes is charged that amount', () =>
    siteWith(`<link-checkout amount-editable amount="500" currency="usd" label="Donation" ${JENNY}></link-checkout>`, async (page) => {
      const amount = checkoutIn(page).getByLabel('Amount (USD)');
      await amount.fill('42.50');
      assert.equal((await actionButton(page).textContent())?.trim(), 'Pay $42.50');
      await fillCheckout(page, '4242 4242 4242 4242');
      const { order } = await payAndSettle(page, 'price-open-amount');
      assert.deepEqual([order.status, order.amount, order.currency], ['paid', 4250, 'usd']);
    }));

  test('manual capture leaves the order authorized', () =>
    siteWith(`<link-checkout item="mug" capture="manual" ${JENNY}></link-checkout>`, async (page) => {
      await fillCheckout(page, '4242 4242 4242 4242');
      const { detail, order } = await payAndSettle(page, 'option-manual-capture');
      assert.equal(detail.status, 'authorized');
      assert.equal(order.status, 'authorized');
    }));

  test('save="off_session" pays and saves the card on a Customer', () =>
    siteWith(`<link-checkout item="tshirt" save="off_session" ${JENNY}></link-checkout>`, async (page) => {
      await fillCheckout(page, '4242 4242 4242 4242');
      const { detail, order } = await payAndSettle(page, 'option-save');
      assert.match(detail.customerId!, /^cus_/);
      assert.equal(order.status, 'paid');
    }));

  test('email-collection="payment": the email is asked inside the payment form', () =>
    siteWith(`<link-checkout item="mug" email-collection="payment" customer-name="Jenny Rosen"></link-checkout>`, async (page) => {
      await field(page, 'Email').fill('payer@example.com');
      await fillCheckout(page, '4242 4242 4242 4242');
      const { order } = await payAndSettle(page, 'collect-email-payment');
      assert.equal(order.status, 'paid');
    }));

  test('email-collection="none": no email field; the site\'s email is used', () =>
    siteWith(`<link-checkout item="mug" email-collection="none" ${JENNY}></link-checkout>`, async (page) => {
      assert.equal(await field(page, 'Email').count(), 0);
      await fillCheckout(page, '4242 4242 4242 4242');
      const { order } = await payAndSettle(page, 'collect-email-none');
      assert.equal(order.status, 'paid');
    }));

  test('address="billing" collects a billing address', () =>
    siteWith(`<link-checkout item="mug" address="billing" ${JENNY}></link-checkout>`, async (page) => {
      await fillCheckout(page, '4242 4242 4242 4242');
      const { order } = await payAndSettle(page, 'collect-address-billing');
      assert.equal(order.status, 'paid');
    }));

  test('address="none" shows no address fields', () =>
    siteWith(`<link-checkout item="mug" address="none" ${JENNY}></link-checkout>`, async (page) => {
      assert.equal(await field(page, 'Address line 1').count(), 0);
      await fillCard(page, '4242 4242 4242 4242');
      const { order } = await payAndSettle(page, 'collect-address-none');
      assert.equal(order.status, 'paid');
    }));

  test('a prefilled address is shown in the fields', () =>
    siteWith(`<link-checkout item="mug" ${JENNY} customer-phone="+14155550123" collect-phone address-line1="354 Oyster Point Blvd" address-city="South San Francisco" address-state="CA" address-postal-code="94080" address-country="US"></link-checkout>`, async (page) => {
      assert.equal(await field(page, 'Address line 1').inputValue(), '354 Oyster Point Blvd');
      assert.equal(await field(page, 'City').inputValue(), 'South San Francisco');
      assert.equal(await field(page, 'ZIP').inputValue(), '94080');
      assert.equal(await field(page, 'Full name').inputValue(), 'Jenny Rosen');
      await screenshot(page, 'prefill-address');
      await fillCard(page, '4242 4242 4242 4242');
      const { order } = await payAndSettle(page, 'prefill-address-paid');
      assert.equal(order.status, 'paid');
    }));
});
