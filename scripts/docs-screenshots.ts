/**
 * The docs' pictures: every mode and state of <link-checkout>, the merchant's pages and WordPress,
 * taken in Debian's chromium from the real server on the sandbox, into docs/images/ (PNG, 900 px
 * wide pages; the checkout cropped to itself). Re-run it whenever the widget's look changes:
 *
 *   npm run docs:screenshots            (builds first; SCREENSHOTS_DIR=… to write elsewhere;
 *                                        the PNGs already in that folder are replaced)
 *
 * pngquant (Debian's package, installed when root with apt) shrinks them to a palette; without it
 * the PNGs are kept as chromium wrote them. WordPress shots need what ensure-wordpress.sh installs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SANDBOX_SIGNING_SECRET } from '../sandbox/defaults.ts';
import { signCustomer } from '../server/pricing/index.ts';
import { armSuccess, fillCard, fillCheckout, launchBrowser, startServer, startSiteOwnerPage, type RunningServer } from '../test/e2e/harness.ts';
import { ADMIN_TOKEN, adminApi, customerWithSavedCard } from '../test/e2e/widget-harness.ts';
import { ADMIN, ensureWordPress, startWordPress } from '../test/integrations/wordpress-site.ts';
import { ROOT } from './docs-manifest.ts';

const OUT = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'docs/images');
const WIDTH = 900;
const JENNY = 'customer-email="jenny@example.com" customer-name="Jenny Rosen"';

let server: RunningServer;
let browser: Browser;
const taken: string[] = [];

/** A tab that reaches loopback only (WordPress's admin asks gravatar.com for avatars). */
async function newTab(width = WIDTH, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
  return page;
}

/** The checkout alone, with a margin of the page around it. */
async function shootCheckout(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  // In page coordinates: clicking Pay may have scrolled the window.
  const box = await page.locator('link-checkout').evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { x: rect.x + scrollX, y: rect.y + scrollY, width: rect.width, height: rect.height };
  });
  const margin = 16;
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true, clip: { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin } });
  taken.push(name);
}

/** What the window shows (a dialog over the page, a whole page). */
async function shootPage(page: Page, name: string) {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  taken.push(name);
}

const state = (page: Page, value: string) => page.locator(`link-checkout[state="${value}"]`).waitFor({ timeout: 20_000 });
const payButton = (page: Page) => page.locator('link-checkout').locator('[part="pay-button"]');

/** A site owner's page on another origin holding `tag` (and any <style> before it), loaded until `until`. */
async function site(tag: string, run: (page: Page) => Promise<void>, { until = 'ready' } = {}) {
  const owner = await startSiteOwnerPage(server.origin, tag);
  const page = await newTab();
  try {
    await page.goto(owner.url);
    if (until) await state(page, until);
    await run(page);
  } finally {
    await page.close();
    await owner.close();
  }
}

async function payAndShoot(page: Page, name: string, card = '4242 4242 4242 4242', { address = true } = {}) {
  await (address ? fillCheckout(page, card) : fillCard(page, card));
  await payButton(page).click();
  await state(page, 'succeeded');
  await shootCheckout(page, name);
}

async function checkoutStates() {
  await site(`<link-checkout item="tshirt" ${JENNY}></link-checkout>`, async (page) => {
    await page.locator('link-checkout').getByLabel('Card number', { exact: true }).waitFor();
    await shootCheckout(page, 'payment-ready');
    await fillCheckout(page, '4242 4242 4242 4242');
    // Hold the checkout request to see the processing state, then let it through.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/checkout', async (route) => { await held; await route.continue(); });
    await payButton(page).click();
    await state(page, 'processing');
    await shootCheckout(page, 'payment-processing');
    release();
    await state(page, 'succeeded');
    await shootCheckout(page, 'payment-succeeded');
  });

  // The README's picture: short, with a card typed in.
  await site('<link-checkout item="tshirt" address="none" customer-email="jenny@example.com"></link-checkout>', async (page) => {
    await fillCard(page, '4242 4242 4242 4242');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shootCheckout(page, 'readme');
  });

  // Loading: Stripe.js is held until the picture is taken (a catalog item's quote comes with the
  // served script, so Stripe.js is what the form waits on).
  const owner = await startSiteOwnerPage(server.origin, `<link-checkout item="tshirt" ${JENNY}></link-checkout>`);
  const page = await newTab();
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/sandbox/stripe.js', async (route) => { await held; await route.continue(); });
  await page.goto(owner.url, { waitUntil: 'domcontentloaded' }); // "load" waits for the held script
  await state(page, 'loading');
  await shootCheckout(page, 'payment-loading');
  release();
  await page.close();
  await owner.close();

  await site(`<link-checkout item="tshirt" ${JENNY}></link-checkout>`, async (page) => {
    await fillCheckout(page, '4000 0000 0000 0002');
    await payButton(page).click();
    await state(page, 'failed');
    await page.locator('link-checkout').getByRole('alert').waitFor();
    await shootCheckout(page, 'payment-declined');
  });

  await site(`<link-checkout item="tshirt" ${JENNY}></link-checkout>`, async (page) => {
    await fillCheckout(page, '4000 0000 0000 3220');
    await payButton(page).click();
    const dialog = page.getByRole('dialog', { name: /3D Secure/ });
    await dialog.waitFor();
    await shootPage(page, 'payment-3ds-challenge');
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await state(page, 'succeeded');
  });

  await site('<link-checkout item="no-such-item"></link-checkout>', async (page) => {
    await page.locator('link-checkout').getByRole('alert').waitFor();
    await shootCheckout(page, 'error-unknown-item');
  }, { until: 'error' });
}

async function modes() {
  await site(`<link-checkout mode="setup" currency="usd" ${JENNY}></link-checkout>`, async (page) => {
    await shootCheckout(page, 'setup-ready');
    await payAndShoot(page, 'setup-saved');
  });
  await site(`<link-checkout item="pro-monthly" ${JENNY}></link-checkout>`, async (page) => {
    await shootCheckout(page, 'subscription-ready');
    await payAndShoot(page, 'subscription-active');
  });
  await site('<link-checkout item="tshirt" address="none" email-collection="none" customer-email="jenny@example.com"></link-checkout>', async (page) => {
    await shootCheckout(page, 'catalog-minimal');
  });
  const { signature } = await (await fetch(`${server.origin}/sandbox/sign?amount=2500&currency=eur&label=Workshop%20ticket`)).json() as { signature: string };
  await site(`<link-checkout amount="2500" currency="eur" label="Workshop ticket" signature="${signature}" address="none" ${JENNY}></link-checkout>`, async (page) => {
    await shootCheckout(page, 'signed-ready');
  });
  await site(`<link-checkout amount="2600" currency="eur" label="Workshop ticket" signature="${signature}"></link-checkout>`, async (page) => {
    await page.locator('link-checkout').getByRole('alert').waitFor();
    await shootCheckout(page, 'signed-tampered');
  }, { until: 'error' });
  await site(`<link-checkout amount-editable amount="1000" currency="usd" label="Donation" address="none" ${JENNY}></link-checkout>`, async (page) => {
    await page.locator('link-checkout').getByLabel('Amount (USD)').fill('42.50');
    await shootCheckout(page, 'open-amount-ready');
  });
  await site(`<link-checkout item="mug" capture="manual" address="none" ${JENNY}></link-checkout>`, (page) => payAndShoot(page, 'capture-manual-authorized', undefined, { address: false }));
  await site(`<link-checkout item="mug" save="off_session" address="none" ${JENNY}></link-checkout>`, (page) => payAndShoot(page, 'save-off-session-paid', undefined, { address: false }));
}

async function look() {
  await site(`<style>body { background: #1a1f36; color: #e3e8ee }</style><link-checkout item="tshirt" theme="night" address="none" ${JENNY}></link-checkout>`, (page) => shootCheckout(page, 'theme-night'));
  await site(`<link-checkout item="tshirt" theme="flat" address="none" ${JENNY}></link-checkout>`, (page) => shootCheckout(page, 'theme-flat'));
  await site(`<link-checkout item="tshirt" layout="accordion" address="none" ${JENNY}></link-checkout>`, (page) => shootCheckout(page, 'layout-accordion'));
  await site(`<style>link-checkout { --link-checkout-accent: #0a7d33; --link-checkout-radius: 0; --link-checkout-font: Georgia, serif }</style><link-checkout item="tshirt" address="none" ${JENNY}></link-checkout>`, (page) => shootCheckout(page, 'custom-properties'));
}

async function checkoutUi() {
  await site('<link-checkout ui="hosted" item="tshirt" customer-email="jenny@example.com"></link-checkout>', async (page) => {
    await shootCheckout(page, 'ui-hosted-button');
    await payButton(page).click();
    await page.waitForURL(/\/_sandbox\/checkout\/cs_test_/);
    await page.getByLabel('Card number').waitFor();
    await page.setViewportSize({ width: WIDTH, height: 260 });
    await shootPage(page, 'ui-hosted-stripe-page');
  });
  await site('<link-checkout ui="embedded" mode="setup" currency="usd"></link-checkout>', async (page) => {
    await page.locator('link-checkout [slot="checkout"]').getByRole('button', { name: 'Save card' }).waitFor();
    await shootCheckout(page, 'ui-embedded-form');
  });
}

async function returningCustomers() {
  const customerId = await customerWithSavedCard(server.origin, '4242424242424242');
  const signature = await signCustomer(SANDBOX_SIGNING_SECRET, customerId);
  await site(`<link-checkout item="tshirt" address="none" customer="${customerId}" customer-signature="${signature}" customer-email="returning@example.com"></link-checkout>`, async (page) => {
    await page.locator('link-checkout').getByRole('group', { name: 'Saved payment methods' }).waitFor();
    await shootCheckout(page, 'returning-customer-saved-card');
  });
  await site('<link-checkout item="tshirt" customer-email="link-demo@example.com"></link-checkout>', async (page) => {
    const code = page.locator('link-checkout').getByLabel('Verification code', { exact: true });
    await code.waitFor();
    await shootCheckout(page, 'link-verification-code');
    await code.fill('424242');
    await page.locator('link-checkout').getByRole('status').filter({ hasText: /Signed in to Link/ }).waitFor();
    await page.locator('link-checkout').getByText('Visa •••• 4242').first().waitFor();
    await shootCheckout(page, 'link-signed-in');
  });
}

/** Charge later: a card that wants 3DS is saved, charged off-session, and its recovery page opened. */
async function merchant() {
  let customerId = '';
  await site('<link-checkout mode="setup" currency="usd" customer-email="later@example.com" customer-name="Jenny Rosen"></link-checkout>', async (page) => {
    await fillCheckout(page, '4000 0027 6000 3184');
    const success = await armSuccess(page);
    await payButton(page).click();
    await page.getByRole('dialog', { name: /3D Secure/ }).getByRole('button', { name: 'Complete' }).click();
    customerId = (await success()).customerId ?? '';
  });
  if (!customerId) throw new Error('charge later: the setup made no customer');
  const charge = await adminApi(server.origin, 'POST', '/charges', { customer: customerId, amount: 1500, currency: 'usd', description: 'Monthly box' });
  const recovery = new URL(charge.body.order.recoveryUrl);
  const page = await newTab();
  await page.goto(new URL(recovery.pathname, server.origin).href);
  await state(page, 'ready');
  await shootPage(page, 'charge-later-recovery-page');
  await page.close();

  const admin = await newTab(1000, 800);
  await admin.goto(`${server.origin}/admin`);
  await admin.getByLabel('Admin token', { exact: true }).fill(ADMIN_TOKEN);
  await admin.getByRole('button', { name: 'Open' }).click();
  await admin.locator('#orders-rows tr').first().waitFor();
  await admin.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await shootPage(admin, 'admin-orders');
  const authorized = admin.locator('#orders-rows tr', { hasText: 'authorized' }).first();
  await authorized.getByRole('button', { name: /^Show order/ }).click();
  await admin.locator('#order-detail').getByRole('button', { name: 'Capture', exact: true }).waitFor();
  await admin.evaluate(() => scrollTo(0, 0));
  await shootPage(admin, 'admin-order-authorized');
  await admin.close();
}

async function wordpress() {
  const installed = ensureWordPress();
  if (!installed.ok) {
    console.warn(`WordPress pictures skipped: ${installed.reason}`);
    return;
  }
  const wp = await startWordPress({ serverUrl: server.origin });
  try {
    const id = wp.php(`wp_set_current_user( 1 ); echo wp_insert_post( array( 'post_title' => 'Our shop', 'post_status' => 'publish', 'post_content' => '<!-- wp:paragraph --><p>The Link T-shirt, paid with Link in one step.</p><!-- /wp:paragraph -->\n\n[link_checkout item="tshirt" address="none" customer-email="jenny@example.com"]' ) );`).trim();
    const visitor = await newTab(WIDTH, 660);
    await visitor.goto(`${wp.url}/?p=${id}`);
    await state(visitor, 'ready');
    await shootPage(visitor, 'wordpress-page');
    await visitor.close();

    const admin = await newTab(1000, 800);
    await admin.goto(`${wp.url}/wp-login.php`);
    await admin.locator('#user_login').fill(ADMIN.user);
    await admin.locator('#user_pass').fill(ADMIN.password);
    await admin.locator('#wp-submit').click();
    await admin.waitForURL(/wp-admin/);
    await admin.goto(`${wp.url}/wp-admin/options-general.php?page=link-checkout`);
    // As a site owner would fill it (the page saves nothing here).
    await admin.getByLabel('Server URL').fill('https://pay.example.com');
    await admin.getByLabel('Server URL').blur();
    await shootPage(admin, 'wordpress-settings');
    await admin.goto(`${wp.url}/wp-admin/post-new.php`);
    await admin.waitForFunction(() => (window as any).wp?.blocks?.getBlockType('link-checkout/checkout'));
    await admin.evaluate(() => {
      const { wp } = window as any;
      wp.data.dispatch('core/editor').editPost({ title: 'Our shop' });
      const block = wp.blocks.createBlock('link-checkout/checkout', { item: 'tshirt', customerEmail: 'jenny@example.com' });
      wp.data.dispatch('core/block-editor').insertBlocks(block);
      wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
      wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
    });
    await admin.locator('.interface-complementary-area').getByLabel('item', { exact: true }).waitFor();
    await shootPage(admin, 'wordpress-block-editor');
    await admin.close();
  } finally {
    await wp.stop();
  }
}

/** pngquant, where it is or may be installed; otherwise the PNGs stay as they are. */
function quantize(files: string[]) {
  if (spawnSync('pngquant', ['--version']).status !== 0 && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    spawnSync('apt-get', ['install', '-y', '-qq', 'pngquant'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (spawnSync('pngquant', ['--version']).status !== 0) {
    console.warn('pngquant is not installed (Debian: apt-get install pngquant): the PNGs are kept unquantized.');
    return;
  }
  const run = spawnSync('pngquant', ['--force', '--ext', '.png', '--skip-if-larger', '--quality', '60-90', '--speed', '1', ...files], { stdio: 'inherit' });
  // 98: the result would be larger, 99: below the quality asked; both keep the original file.
  if (![0, 98, 99].includes(run.status ?? 1)) throw new Error(`pngquant failed (${run.status})`);
}

mkdirSync(OUT, { recursive: true });
for (const file of readdirSync(OUT)) if (file.endsWith('.png')) rmSync(join(OUT, file));
server = await startServer({ ADMIN_TOKEN });
browser = await launchBrowser();
try {
  await checkoutStates();
  await modes();
  await look();
  await checkoutUi();
  await returningCustomers();
  await merchant();
  await wordpress();
} finally {
  await browser.close();
  await server.stop();
}
const files = taken.map((name) => join(OUT, `${name}.png`));
quantize(files);
const total = files.reduce((sum, file) => sum + statSync(file).size, 0);
console.log(`${files.length} screenshots in ${OUT}, ${Math.round(total / 1024)} kB in all.`);
