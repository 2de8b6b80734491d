// The browser side of the emulator's HTTP contract (sandbox/README.md, "Browser routes"):
// publishable key as Bearer, form-encoded bodies, Stripe error bodies passed through unchanged.
import type { StripeError } from '@stripe/stripe-js';
import { encodeForm, type FormValue } from './form.ts';
import { IntegrationError } from './errors.ts';

export type ApiResult<T> = { ok: true; body: T } | { ok: false; error: StripeError };

export class ApiClient {
  constructor(
    readonly apiBase: string,
    private readonly key: string,
  ) {}

  get<T>(path: string, query: Record<string, string> = {}): Promise<ApiResult<T>> {
    const qs = new URLSearchParams(query).toString();
    return this.request<T>('GET', qs ? `${path}?${qs}` : path);
  }

  post<T>(path: string, body: { [key: string]: FormValue }): Promise<ApiResult<T>> {
    return this.request<T>('POST', path, encodeForm(body));
  }

  private async request<T>(method: string, path: string, body?: string): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}` };
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    let response: Response;
    try {
      response = await fetch(`${this.apiBase.replace(/\/$/, '')}${path}`, { method, headers, body });
    } catch (cause) {
      // Stripe.js reports network failures as api_connection_error results, not exceptions.
      return { ok: false, error: { type: 'api_connection_error', message: `Could not reach the sandbox API: ${String(cause)}` } };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return { ok: false, error: { type: 'api_error', message: `The sandbox API answered HTTP ${response.status} without JSON.` } };
    }
    if (response.ok) return { ok: true, body: json as T };
    const error = (json as { error?: StripeError } | null)?.error;
    return { ok: false, error: error ?? { type: 'api_error', message: `The sandbox API answered HTTP ${response.status}.` } };
  }
}

/** `pi_123_secret_abc` -> `pi_123`: the id part of a PaymentIntent client secret. */
export function intentIdFromClientSecret(clientSecret: string): string {
  const at = clientSecret.indexOf('_secret_');
  if (at <= 0) throw new IntegrationError('Invalid clientSecret: expected a client secret of the form "<id>_secret_<secret>".');
  return clientSecret.slice(0, at);
}
