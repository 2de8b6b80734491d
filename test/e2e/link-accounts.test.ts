import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import Stripe from 'stripe';
import { armSuccess, field, fillCheckout, launchBrowser, screenshot, settledOrder, startServer, startSiteOwnerPage, type RunningServer } from './harness.ts';

const ADMIN_TOKEN = 'link-e2e-admin-token-0123456789';
const SECRET_KEY = 'sk_test_sandbox_link_e2e_0123456789abcdef';
let server: RunningServer;
let browser: Browser;
before(async () => {
  server = await startServer({ ADMIN_TOKEN, SANDBOX_SECRET_KEY: SECRET_KEY });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The official SDK on this server's sandbox, which is mounted under /sandbox/stripe. */
function sandboxStripe(): Stripe {
  const base = `${server.origin}/sandbox/stripe`;
  return new Stripe(SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient((url, init) => fetch(String(url).replace(/^https?:\/\/[^/]+/, base), init)),
  });
}

/** A snippet page on another origin, in a context of its own: a fresh browser, as on a later visit. */
async function visit(tag: string): Promise<{ page: Page; close(): Promise<void> }> {
  const site = await startSiteOwnerPage(server.origin, tag);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('link-checkout[state="ready"]').waitFor({ timeout: 15_000 });
  return { page, close: async () => { await context.close(); await site.close(); } };
}

async function pay(page: Page) {
  const success = await armSuccess(page);
  await page.locator('link-checkout [part="pay-button"]').click();
  return success();
}

async function optInToLink(page: Page) {
  await field(page, 'Save my info for faster checkout with Link').check();
  await field(page, 'Phone number').fill('+14155550123');
}

async function signInWithCode(page: Page) {
  await field(page, 'Verification code').fill('123456');
  await page.locator('link-checkout').getByRole('status').filter({ hasText: /Signed in to Link/ }).waitFor();
}

describe('Link as Stripe has it, through <link-checkout> (sandbox, chromium)', () => {
  test('a new shopper pays with 4242 and signs up; on a later visit the email asks for the code, and Link pays', async () => {
    const email = `new-link-${Date.now()}@example.com`;
    const tag = `<link-checkout item="mug" customer-email="${email}" customer-name="Jenny Rosen"></link-checkout>`;
    const first = await visit(tag);
    assert.equal(await field(first.page, 'Verification code').count(), 0, 'not yet a Link account');
    await fillCheckout(first.page, '4242 4242 4242 4242');
    await optInToLink(first.page);
    await screenshot(first.page, 'link-sign-up');
    const firstPaid = await pay(first.page);
    assert.equal((await settledOrder(server.origin, firstPaid.orderId)).status, 'paid');
    await first.close();

    const later = await visit(tag);
    await signInWithCode(later.page);
    await later.page.locator('link-checkout').getByText('Visa •••• 4242').first().waitFor();
    await screenshot(later.page, 'link-returning-signed-in');
    const paid = await pay(later.page);
    assert.equal((await settledOrder(server.origin, paid.orderId)).status, 'paid');
    const intent = await sandboxStripe().paymentIntents.retrieve(paid.paymentIntentId!, { expand: ['payment_method'] });
    const method = intent.payment_method as Stripe.PaymentMethod;
    assert.deepEqual([method.type, method.link?.email], ['link', email]);
    await later.close();
  });

  test('setup mode with Link saves a link method; the merchant charges it with npx link-checkout charge', async () => {
    const email = `link-setup-${Date.now()}@example.com`;
    const visitNow = await visit(`<link-checkout mode="setup" currency="usd" customer-email="${email}" customer-name="Jenny Rosen"></link-checkout>`);
    await fillCheckout(visitNow.page, '4242 4242 4242 4242');
    await optInToLink(visitNow.page);
    const saved = await pay(visitNow.page);
    assert.equal((await settledOrder(server.origin, saved.orderId)).status, 'saved');
    await screenshot(visitNow.page, 'link-setup-saved');
    await visitNow.close();

    const methods = await sandboxStripe().paymentMethods.list({ customer: saved.customerId!, type: 'link' });
    assert.equal(methods.data.length, 1, 'GET /v1/payment_methods?customer=…&type=link finds it (seed 001)');
    const customer = (await (await fetch(`${server.origin}/admin/api/customers/${saved.customerId}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { paymentMethods: Array<{ display: string }> };
    assert.deepEqual(customer.paymentMethods.map((m) => m.display), [`Link (${email})`]);

    const bin = join(import.meta.dirname, '../../bin/link-checkout.js');
    const charged = spawnSync(process.execPath, [bin, 'charge', '--customer', saved.customerId!, '--amount', '1500', '--currency', 'usd', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, LINK_CHECKOUT_URL: server.origin, ADMIN_TOKEN },
    });
    assert.equal(charged.status, 0, charged.stderr);
    const { order } = JSON.parse(charged.stdout) as { order: { id: string; status: string; paymentMethodId: string } };
    assert.equal(order.status, 'paid');
    assert.equal(order.paymentMethodId, methods.data[0]!.id);
  });
});
