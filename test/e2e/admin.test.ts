// The merchant's /admin page in chromium, on the real server and the sandbox: a checkout paid in
// the browser, then captured with the page's button; the token; charge later; Payment Links.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { shopper } from '../server/cli-helpers.ts';
import { armSuccess, axeViolations, fillCheckout, launchBrowser, screenshot, settledOrder, startServer, startSiteOwnerPage, type RunningServer } from './harness.ts';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
let server: RunningServer;
let browser: Browser;
before(async () => {
  server = await startServer({ ADMIN_TOKEN });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});
const pageErrors: string[] = [];
afterEach(() => assert.deepEqual(pageErrors.splice(0), [], 'no errors on /admin'));

/** /admin at `width`, the token entered; page errors fail the test that opened it. */
async function admin(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.origin}/admin`);
  await page.getByLabel('Admin token', { exact: true }).fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.locator('#orders-rows tr').first().waitFor();
  // The lists below have loaded (and said any error) before the test acts.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  return page;
}

const notice = (page: Page) => page.getByRole('status');
const detail = (page: Page) => page.locator('#order-detail');

/** A manual-capture checkout of a mug, paid with 4242 in chromium on a site owner's page. */
async function authorizedInBrowser(): Promise<string> {
  const site = await startSiteOwnerPage(server.origin, '<link-checkout item="mug" capture="manual" customer-email="jenny@example.com" customer-name="Jenny Rosen"></link-checkout>');
  const shop = await browser.newPage();
  try {
    await shop.goto(site.url);
    await shop.locator('link-checkout[state="ready"]').waitFor({ timeout: 15_000 });
    await fillCheckout(shop, '4242 4242 4242 4242');
    const success = await armSuccess(shop);
    await shop.locator('link-checkout').locator('[part="pay-button"]').click();
    const { orderId } = await success();
    assert.equal((await settledOrder(server.origin, orderId)).status, 'authorized');
    return orderId;
  } finally {
    await shop.close();
    await site.close();
  }
}

describe('/admin in chromium (sandbox)', () => {
  test('a manual-capture checkout paid in the browser is captured with the page\'s button: paid, with its history', async () => {
    const orderId = await authorizedInBrowser();
    const page = await admin(1280);
    const row = page.locator('#orders-rows tr', { has: page.locator(`[data-order-id="${orderId}"]`) });
    await row.getByText('authorized').waitFor();
    await row.getByRole('button', { name: `Show order ${orderId}` }).click();
    await detail(page).getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    assert.equal(await detail(page).getByRole('button', { name: 'Refund' }).count(), 0, 'nothing to refund before the capture');
    await detail(page).getByRole('button', { name: 'Cancel payment' }).waitFor();
    await screenshot(page, 'admin-authorized-1280');

    await detail(page).getByRole('button', { name: 'Capture', exact: true }).click();
    await notice(page).getByText(`Captured: order ${orderId} is now paid.`).waitFor();
    await detail(page).locator('dd .chip', { hasText: 'paid' }).waitFor();
    const history = await detail(page).locator('.history li').evaluateAll((entries) => entries.map((li) => [...li.querySelectorAll('.chip, .cause')].map((part) => part.textContent)));
    // The capture's own webhook may land before the page's write: then it moves authorized → paid, and
    // the admin's row (recorded either way) reads paid → paid.
    assert.deepEqual(history.slice(0, 2).map((parts) => parts.slice(0, -1)), [['pending'], ['pending', 'authorized']]);
    assert.match(history[1]!.at(-1)!, /^payment_intent\.amount_capturable_updated evt_/);
    assert.equal(history.at(-1)!.at(-2), 'paid');
    assert.ok(history.some((parts) => parts.at(-1) === 'admin: capture 1200'), JSON.stringify(history));
    assert.ok(history.length <= 4, JSON.stringify(history));
    assert.equal(await detail(page).getByRole('button', { name: 'Capture', exact: true }).count(), 0, 'no capture once paid');
    await detail(page).getByRole('button', { name: 'Refund' }).waitFor();
    await row.getByText('paid', { exact: true }).waitFor();
    await screenshot(page, 'admin-captured-1280');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();

    const phone = await admin(390);
    await phone.getByRole('button', { name: `Show order ${orderId}` }).click();
    await detail(phone).getByText('admin: capture 1200').waitFor();
    assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing wider than the phone');
    await screenshot(phone, 'admin-captured-390');
    assert.deepEqual(await axeViolations(phone), []);
    await phone.close();
  });

  test('a refused token is said in plain words; the token stays for the tab until forgotten', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/admin`);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('Admin token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Open' }).click();
    await notice(page).getByText('The server refused this admin token. Enter it again.').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.ok(await page.getByLabel('Admin token', { exact: true }).isVisible());

    await page.getByLabel('Admin token', { exact: true }).fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.locator('#orders-rows tr').first().waitFor();
    await page.reload();
    await page.locator('#orders-rows tr').first().waitFor();
    assert.equal(await page.getByLabel('Admin token', { exact: true }).isVisible(), false, 'still open after a reload');
    const otherTab = await browser.newPage();
    await otherTab.goto(`${server.origin}/admin`);
    assert.ok(await otherTab.getByLabel('Admin token', { exact: true }).isVisible(), 'another tab asks again');
    await otherTab.close();

    await page.getByRole('button', { name: 'Forget token' }).click();
    await notice(page).getByText('The token is forgotten in this tab.').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.equal(await page.locator('#workspace').isVisible(), false);
    await page.close();
  });

  test('charge later: pick the saved card by what it shows; a card that wants authentication gives the recovery link', async () => {
    const shop = shopper(server.origin);
    const { customerId } = await shop.checkout({ mode: 'setup', email: 'later@example.com' });
    const page = await admin(1280);
    const form = page.locator('#charge-form');
    await form.getByLabel('Customer id').fill(customerId!);
    await form.getByRole('button', { name: 'Find saved methods' }).click();
    await notice(page).getByText('later@example.com has 1 saved payment method.').waitFor();
    const card = form.getByLabel('Payment method').locator('option', { hasText: /^Visa •••• 4242 \(\d\d\/\d\d\)$/ });
    await form.getByLabel('Payment method').selectOption(await card.getAttribute('value'));
    await form.getByLabel('Amount').fill('15.00');
    await form.getByRole('button', { name: 'Charge' }).click();
    await notice(page).getByText(/^Charged \$15\.00: order ord_\w+ is paid\.$/).waitFor();

    const { customerId: needsAuth } = await shop.checkout({ mode: 'setup', email: 'auth@example.com' }, '4000002760003184');
    await form.getByLabel('Customer id').fill(needsAuth!);
    await form.getByLabel('Amount').fill('20');
    await form.getByRole('button', { name: 'Charge' }).click();
    await notice(page).getByText(/The bank asks the customer to confirm this payment/).waitFor();
    const recovery = form.locator('#charge-result a');
    assert.match(await recovery.getAttribute('href') ?? '', new RegExp(`^${server.origin}/pay/ord_\\w+$`));
    await form.getByRole('button', { name: 'Copy the recovery link' }).waitFor();
    await screenshot(page, 'admin-charge-recovery-1280');
    assert.deepEqual(await axeViolations(page), []);

    // The filters find it; its detail carries the same recovery link.
    await page.getByLabel('Status').selectOption('action_required');
    await page.getByLabel('Email').fill('AUTH@example.com');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.locator('#orders-rows tr').nth(1).waitFor({ state: 'detached' });
    const rows = await page.locator('#orders-rows tr').allInnerTexts();
    assert.equal(rows.length, 1, rows.join('\n'));
    assert.match(rows[0]!, /action required\s+payment\s+\$20\.00\s+auth@example\.com/);
    await page.locator('#orders-rows').getByRole('button').click();
    assert.equal(await detail(page).locator('.recovery a').getAttribute('href'), await recovery.getAttribute('href'));
    await detail(page).getByRole('button', { name: 'Cancel payment' }).waitFor();
    await page.close();
  });

  test('Payment Links: create for an item, copy its URL, deactivate and activate it', async () => {
    const page = await admin(1280);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.getByLabel('Catalog item').fill('sticker-pack');
    await page.getByRole('button', { name: 'Create link' }).click();
    await notice(page).getByText('Created a link for Sticker pack.').waitFor();
    const link = page.locator('#link-rows li', { hasText: 'Sticker pack' }).first();
    await link.getByText('active', { exact: true }).waitFor();
    await link.getByRole('button', { name: 'Copy the link for Sticker pack' }).click();
    await notice(page).getByText('Copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await link.locator('a').getAttribute('href'));
    await link.getByRole('button', { name: 'Deactivate the link for Sticker pack' }).click();
    await link.getByText('inactive', { exact: true }).waitFor();
    await link.getByRole('button', { name: 'Activate the link for Sticker pack' }).click();
    await link.getByText('active', { exact: true }).waitFor();

    // A customer buys through the link on the (sandbox's) hosted page; the order shows up here.
    const buyer = await browser.newPage();
    await buyer.goto((await link.locator('a').getAttribute('href'))!);
    await buyer.getByLabel('Email').fill('link-buyer@example.com');
    await buyer.getByLabel('Card number').fill('4242 4242 4242 4242');
    await buyer.getByLabel('Expiry month').fill('12');
    await buyer.getByLabel('Expiry year').fill(String(new Date().getFullYear() + 2));
    await buyer.getByLabel('CVC').fill('123');
    await buyer.getByRole('button', { name: /^Pay/ }).click();
    await buyer.waitForURL(/\/done|success/);
    await screenshot(buyer, 'payment-link-bought');
    await buyer.close();
    await page.getByLabel('Email').fill('link-buyer@example.com');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const row = page.locator('#orders-rows tr', { hasText: 'link-buyer@example.com' });
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /paid\s+payment\s+€5\.00/);
    await screenshot(page, 'admin-payment-link-order');
    await page.close();
  });

  test('refund in part, then the rest; register a domain and see its Link status', async () => {
    const { orderId } = await shopper(server.origin).checkout({ item: 'tshirt', email: 'refund@example.com' });
    const page = await admin(1280);
    page.on('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: `Show order ${orderId}` }).click();
    await detail(page).getByLabel(/^Amount to refund/).fill('5');
    await detail(page).getByRole('button', { name: 'Refund' }).click();
    await notice(page).getByText(`Refunded: order ${orderId} is now paid.`).waitFor();
    await detail(page).getByText('$5.00', { exact: true }).waitFor();
    await detail(page).getByRole('button', { name: 'Refund' }).click();
    await notice(page).getByText(`Refunded: order ${orderId} is now refunded.`).waitFor();
    assert.equal(await detail(page).getByRole('button', { name: 'Refund' }).count(), 0, 'nothing left to refund');

    await page.getByLabel('Domain', { exact: true }).fill('https://Shop.Example.com/');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await notice(page).getByText(/^shop\.example\.com is registered; Link is \w+ there\.$/).waitFor();
    await page.locator('#domain-rows tr', { hasText: 'shop.example.com' }).getByText('yes').waitFor();
    await page.getByLabel('Domain', { exact: true }).fill('localhost');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await notice(page).getByText(/^domain must be a domain name/).waitFor();
    await screenshot(page, 'admin-refunded-domains-1280');
    await page.close();
  });
});
