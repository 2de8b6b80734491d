/**
 * Helpers of the widget-*.test.ts end-to-end tests: a sandbox server with the admin API on, a
 * record of every link-checkout-success a page fires (even across its navigations), and a customer
 * with a saved card made the way the widget makes one.
 */
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer, type SuccessDetail } from './harness.ts';

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

/** One sandbox server (admin API on) and one browser for a test file. */
export function adminServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  const running = {} as { server: RunningServer; browser: Browser };
  before(async () => {
    running.server = await startServer({ ADMIN_TOKEN });
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

export async function adminApi(origin: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${origin}/admin/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** From the page's first script on, every success it fires lands in window.__successes. */
export async function recordSuccesses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record = window as unknown as { __successes: unknown[] };
    record.__successes = [];
    document.addEventListener('link-checkout-success', (event) => record.__successes.push((event as CustomEvent).detail));
  });
}

export async function lastSuccess(page: Page): Promise<SuccessDetail> {
  await page.locator('link-checkout[state="succeeded"]').waitFor({ timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { __successes: SuccessDetail[] }).__successes.at(-1)!);
}

/** A customer with a saved card, as setup mode makes one: a ConfirmationToken (publishable key), then POST /api/checkout. */
export async function customerWithSavedCard(origin: string, card: string): Promise<string> {
  const { publishableKey } = await (await fetch(`${origin}/api/config`)).json();
  const form = new URLSearchParams({
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': card,
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': String(new Date().getFullYear() + 2),
    'payment_method_data[card][cvc]': '123',
    'payment_method_data[billing_details][email]': 'returning@example.com',
    return_url: `${origin}/`,
    'client_context[mode]': 'setup',
    'client_context[currency]': 'usd',
  });
  const token = await (await fetch(`${origin}/sandbox/stripe/v1/confirmation_tokens`, { method: 'POST', headers: { Authorization: `Bearer ${publishableKey}` }, body: form })).json();
  const saved = await fetch(`${origin}/api/checkout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ attemptId: `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`, confirmationTokenId: token.id, mode: 'setup', currency: 'usd', email: 'returning@example.com' }),
  });
  const body = await saved.json();
  if (body.status !== 'succeeded' || !body.customerId) throw new Error(`could not save a card: ${JSON.stringify(body)}`);
  return body.customerId;
}
