import { readFileSync } from 'node:fs';
import { createSandboxServer, type SandboxServer } from '../../sandbox/wire.ts';
import { parseCatalog } from '../../server/pricing/index.ts';

export const catalog = parseCatalog(JSON.parse(readFileSync(new URL('../../server/catalog.sample.json', import.meta.url), 'utf8')));

export const CARDS = { success: '4242424242424242', threeDS: '4000000000003220', declined: '4000000000000002' } as const;

export const newSandbox = () => createSandboxServer({ catalog });

/**
 * A ConfirmationToken made the way Stripe.js makes one: with the publishable key, from card details,
 * carrying the page as its return_url. `extra` adds form fields (e.g. `setup_future_usage`).
 */
export async function confirmationToken(sandbox: SandboxServer, cardNumber: string, extra: Record<string, string> = {}): Promise<string> {
  const body = new URLSearchParams({
    return_url: 'https://shop.example/checkout',
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': cardNumber,
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': String(new Date().getFullYear() + 2),
    'payment_method_data[card][cvc]': '123',
    'payment_method_data[billing_details][email]': 'jenny@example.com',
    ...extra,
  });
  const response = await sandbox.app.request('/sandbox/stripe/v1/confirmation_tokens', {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  const json = (await response.json()) as { id?: string };
  if (!response.ok || !json.id) throw new Error(`confirmation token failed: ${response.status} ${JSON.stringify(json)}`);
  return json.id;
}

export function postJson(sandbox: SandboxServer, path: string, body: unknown) {
  return sandbox.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

let attempts = 0;
export const attemptId = () => `attempt-${Date.now()}-${++attempts}`;

export async function checkout(sandbox: SandboxServer, card: string, extra: Record<string, unknown> = {}) {
  const token = await confirmationToken(sandbox, card);
  return postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, item: 'tshirt', email: 'jenny@example.com', ...extra });
}

export async function orderStatus(sandbox: SandboxServer, orderId: string): Promise<string> {
  await sandbox.emulator.webhooksIdle();
  const response = await sandbox.app.request(`/api/orders/${orderId}`);
  return ((await response.json()) as { status: string }).status;
}
