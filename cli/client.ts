import { randomUUID } from 'node:crypto';
import { CommandError, EXIT } from './args.ts';

/** Waits between tries of a request that got no answer or a 5xx: about 2 s in all. */
const RETRY_DELAYS_MS = [200, 500, 1200];
const TIMEOUT_MS = 30_000;

export interface AdminClient {
  get<T>(path: string, query?: Record<string, string | undefined>): Promise<T>;
  post<T>(path: string, body?: object): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

/** An error answer from the admin API: `json` is its body, printed as is with --json. */
export class ApiRefusal extends CommandError {
  constructor(readonly status: number, readonly body: { error?: { code?: string; message?: string } } & Record<string, unknown>) {
    const { code, message } = body.error ?? {};
    super(`${message ?? 'The server refused the request.'} (${[code, `HTTP ${status}`].filter(Boolean).join(', ')})`, body, EXIT.failed);
  }
}

const unreachable = (message: string, code: string) =>
  new CommandError(message, { error: { type: 'connection_error', code, message } }, EXIT.unreachable);

/** `--url`/`--token`, else LINK_CHECKOUT_URL/ADMIN_TOKEN; neither is exit 3, as nothing could be asked. */
export function connect(flags: { url?: unknown; token?: unknown }, env: NodeJS.ProcessEnv = process.env): AdminClient {
  const url = String(flags.url ?? env.LINK_CHECKOUT_URL ?? '').trim();
  const token = String(flags.token ?? env.ADMIN_TOKEN ?? '').trim();
  if (!url) throw unreachable('Set LINK_CHECKOUT_URL to the server\'s base URL (e.g. https://shop.example.com), or pass --url.', 'not_configured');
  if (!token) throw unreachable('Set ADMIN_TOKEN to the server\'s admin token, or pass --token.', 'not_configured');
  let base: URL;
  try {
    base = new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw unreachable(`The server URL is not a URL: ${url}`, 'not_configured');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw unreachable(`The server URL must be http(s): ${url}`, 'not_configured');
  // One key for everything this invocation changes, so a retry is the same request to the server.
  const idempotencyKey = `cli-${randomUUID()}`;

  async function send<T>(method: string, path: string, body?: object): Promise<T> {
    const target = new URL(`admin/api${path}`, base);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = idempotencyKey;
    for (let attempt = 0; ; attempt++) {
      const retry = attempt < RETRY_DELAYS_MS.length ? RETRY_DELAYS_MS[attempt] : undefined;
      let response: Response;
      try {
        response = await fetch(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        if (retry !== undefined) { await sleep(retry); continue; }
        const { cause } = err as { cause?: { code?: string; message?: string } };
        const why = cause?.code ?? cause?.message ?? (err as Error).message;
        throw unreachable(`Could not reach ${base.origin} (${why}). Is the server running, and LINK_CHECKOUT_URL right?`, 'server_unreachable');
      }
      const json = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
      // The server says "still being processed" for a request it is working on under this key.
      const inProgress = response.status === 409 && (json?.error as { code?: string } | undefined)?.code === 'attempt_in_progress';
      if ((response.status >= 500 || inProgress) && retry !== undefined) { await sleep(retry); continue; }
      if (!json || typeof json !== 'object' || Array.isArray(json)) {
        throw unreachable(`${target.origin} answered HTTP ${response.status} with no Link Checkout JSON: is ${base.href} the server's base URL?`, 'not_link_checkout');
      }
      if (!response.ok) throw new ApiRefusal(response.status, json);
      return json as T;
    }
  }

  return {
    get(path, query = {}) {
      const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
      return send('GET', search.size ? `${path}?${search}` : path);
    },
    post: (path, body) => send('POST', path, body ?? {}),
    delete: (path) => send('DELETE', path),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An id as one path segment, so `../x` or `a/b` reaches the server as the (unknown) id it is. */
export const segment = (id: string) => encodeURIComponent(id);
