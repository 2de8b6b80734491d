import type {
  ApiErrorBody,
  CheckoutRequest,
  CheckoutResponse,
  ErrorDetail,
  PublicConfig,
  Quote,
  QuoteRequest,
} from '../protocol/index.ts';
import { quoteQuery } from './inputs.ts';
import { EN } from './words.ts';

/** An error the customer can read, with the `type`/`code` of protocol's ErrorDetail. */
export class CheckoutError extends Error {
  readonly detail: ErrorDetail;
  /** HTTP status when the server answered; undefined for network and Stripe.js errors. */
  readonly status?: number;

  constructor(detail: ErrorDetail, status?: number) {
    super(detail.message);
    this.name = 'CheckoutError';
    this.detail = detail;
    this.status = status;
  }

  /** Turns anything thrown into a CheckoutError, so callers only ever show one shape. */
  static from(cause: unknown): CheckoutError {
    if (cause instanceof CheckoutError) return cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    return new CheckoutError({ type: 'api_error', code: 'unexpected_error', message });
  }
}

export interface ApiClientOptions {
  /** How often a POST that never reached the server is sent again. */
  retries?: number;
  /** Wait before retry n is `retryDelayMs * n`. */
  retryDelayMs?: number;
}

/**
 * The widget's half of protocol/index.ts: one method per endpoint, JSON in and out,
 * and every failure turned into a CheckoutError.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly #retries: number;
  readonly #retryDelayMs: number;

  constructor(baseUrl: string, options: ApiClientOptions = {}) {
    // The base may be an origin or a path prefix; keep exactly one trailing slash.
    this.baseUrl = baseUrl.replace(/\/+$/, '') + '/';
    this.#retries = options.retries ?? 2;
    this.#retryDelayMs = options.retryDelayMs ?? 250;
  }

  /** Resolves a server-relative URL (e.g. config.sandboxStripeJsUrl) against the server, not the page. */
  resolve(path: string): string {
    return new URL(path.replace(/^\//, ''), this.baseUrl).href;
  }

  getConfig(): Promise<PublicConfig> {
    return this.get<PublicConfig>('api/config');
  }

  getQuote(request: QuoteRequest): Promise<Quote> {
    return this.get<Quote>(`api/quote?${quoteQuery(request)}`);
  }

  /** One press of Pay (Elements). */
  checkout(checkoutRequest: CheckoutRequest): Promise<CheckoutResponse> {
    return this.post<CheckoutResponse>('api/checkout', checkoutRequest);
  }

  /**
   * POSTs JSON. When no answer arrived (fetch threw), the server failed (5xx), or the same attempt
   * is still in progress (409), it is sent again with the same body: the server is idempotent on
   * `attemptId`, so a retry cannot charge twice. Other answers are final.
   */
  async post<T>(path: string, body: unknown): Promise<T> {
    const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.get<T>(path, init);
      } catch (error) {
        if (!isRetryable(error) || attempt >= this.#retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs * (attempt + 1)));
      }
    }
  }

  /** A GET (or, with `init`, any request) to the server, its JSON answer or a CheckoutError. */
  async get<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      // No cookies: the page may be on another origin and the API needs none.
      response = await fetch(this.resolve(path), { ...init, mode: 'cors', credentials: 'omit' });
    } catch {
      // fetch only throws when no HTTP answer arrived (offline, DNS, CORS refusal).
      throw new CheckoutError({
        type: 'network_error',
        code: 'network_unreachable',
        message: EN.offline,
      });
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && body !== undefined) return body as T;
    throw new CheckoutError(errorDetailOf(body, response.status), response.status);
  }
}

/** One id per press of Pay. crypto.randomUUID exists only in secure contexts; a CMS page on plain http still needs one. */
export function newAttemptId(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof CheckoutError)) return false;
  if (error.detail.type === 'network_error') return true;
  return (error.status ?? 0) >= 500 || error.detail.code === 'attempt_in_progress';
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

/** The server's `{error}` when it sent one; otherwise a generic message (e.g. a proxy's HTML 502). */
function errorDetailOf(body: unknown, status: number): ErrorDetail {
  if (isApiErrorBody(body)) {
    const { type, code, message } = body.error;
    return { type: type ?? 'api_error', code: code ?? type ?? 'api_error', message };
  }
  return {
    type: 'api_error',
    code: `http_${status}`,
    message: EN.unexpected.replace('{0}', String(status)),
  };
}
