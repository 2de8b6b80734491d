// The admin page's client of /admin/api (protocol/admin.ts): the token, retries, Idempotency-Keys,
// and errors in words a merchant can act on.

const TOKEN_KEY = 'link-checkout:admin-token';
const RETRY_DELAYS_MS = [300, 1000];
const API = new URL('admin/api', document.baseURI).pathname;

/** The token lives in this tab only: sessionStorage is dropped when the tab closes. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  forget: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer that is not a success: `status` 0 when the server could not be reached. */
export class AdminError extends Error {
  constructor(status, body) {
    super(plainLanguage(status, body));
    this.status = status;
    this.code = body?.error?.code ?? null;
    this.body = body;
  }
}

function plainLanguage(status, body) {
  const error = body?.error;
  if (status === 0) return 'Could not reach the server. Check your connection; trying again is safe, as it cannot be done twice.';
  if (status === 401) return 'The server refused this admin token. Enter it again.';
  if (error?.type === 'card_error') {
    return error.code === 'authentication_required'
      ? 'The bank asks the customer to confirm this payment, so nothing was charged yet. Send them the recovery link below.'
      : `The payment was declined: ${error.message}${error.decline_code ? ` (${error.decline_code.replaceAll('_', ' ')})` : ''}`;
  }
  if (error?.message) return error.message;
  return `The server answered ${status} and said nothing more. Try again in a moment.`;
}

// The key a request was first sent with, until the server gives a final answer: a retry of the
// same action (the same click again after a lost answer) is then the same request to the server.
const pendingKeys = new Map();
const newKey = () => `admin-page-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls the admin API; `onUnauthorized` runs on a 401 (the page asks for the token again). */
export async function api(method, path, body, { onUnauthorized } = {}) {
  const headers = { Authorization: `Bearer ${token.get() ?? ''}`, Accept: 'application/json' };
  const request = `${method} ${path} ${JSON.stringify(body ?? null)}`;
  if (method === 'POST') {
    if (!pendingKeys.has(request)) pendingKeys.set(request, newKey());
    headers['Idempotency-Key'] = pendingKeys.get(request);
    headers['Content-Type'] = 'application/json';
  }
  for (let attempt = 0; ; attempt++) {
    let response = null;
    let json = null;
    try {
      response = await fetch(`${API}${path}`, { method, headers, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined });
      json = await response.json().catch(() => null);
    } catch {
      response = null;
    }
    const retryable = !response || response.status >= 500 || json?.error?.code === 'attempt_in_progress';
    if (retryable && attempt < RETRY_DELAYS_MS.length) {
      await sleep(RETRY_DELAYS_MS[attempt]);
      continue;
    }
    if (!retryable) pendingKeys.delete(request);
    if (response?.ok && json) return json;
    const error = new AdminError(response?.status ?? 0, json);
    if (error.status === 401) onUnauthorized?.();
    throw error;
  }
}

/**
 * Runs `action` with `controls` disabled and marked busy, so a click cannot be sent twice; a
 * second call while one runs is ignored.
 */
export async function busy(controls, action) {
  const elements = [controls].flat().filter(Boolean);
  if (elements.some((element) => element.dataset.busy)) return undefined;
  // A disabled button loses focus; a keyboard user gets it back when the request is done.
  const focused = document.activeElement;
  for (const element of elements) {
    element.dataset.busy = 'true';
    element.setAttribute('aria-busy', 'true');
    for (const control of element.matches('button, input, select') ? [element] : element.querySelectorAll('button, input, select')) {
      if (!control.disabled) {
        control.disabled = true;
        control.dataset.busyDisabled = 'true';
      }
    }
  }
  try {
    return await action();
  } finally {
    for (const element of elements) {
      delete element.dataset.busy;
      element.removeAttribute('aria-busy');
      for (const control of element.matches('[data-busy-disabled]') ? [element] : element.querySelectorAll('[data-busy-disabled]')) {
        control.disabled = false;
        delete control.dataset.busyDisabled;
      }
    }
    if (focused?.isConnected && !focused.disabled && document.activeElement === document.body) focused.focus();
  }
}
