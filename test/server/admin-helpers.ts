import type { SandboxServer } from '../../sandbox/wire.ts';
import { createSandboxServer } from '../../sandbox/wire.ts';
import { catalog, confirmationToken, attemptId, postJson, orderStatus } from './helpers.ts';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

export async function newAdminSandbox(): Promise<SandboxServer> {
  const sandbox = await createSandboxServer({ catalog, config: { adminToken: ADMIN_TOKEN, publicUrl: 'https://shop.example' } });
  // Hosted Checkout and Payment Link URLs point at the emulator as mounted in this app.
  sandbox.setPublicOrigin('http://localhost');
  return sandbox;
}

/** A request to the admin API with the token (or `token: null` for none). */
export async function admin(sandbox: SandboxServer, method: string, path: string, body?: unknown, { token = ADMIN_TOKEN as string | null, key }: { token?: string | null; key?: string } = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  const response = await sandbox.app.request(`/admin/api${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

/** A checkout as the widget makes it; waits for its webhooks. */
export async function paidCheckout(sandbox: SandboxServer, request: Record<string, unknown>, card = '4242424242424242', tokenExtra: Record<string, string> = {}) {
  const token = await confirmationToken(sandbox, card, tokenExtra);
  const body = (await (await postJson(sandbox, '/api/checkout', { attemptId: attemptId(), confirmationTokenId: token, email: 'jenny@example.com', ...request })).json()) as any;
  await orderStatus(sandbox, body.orderId);
  return body;
}
