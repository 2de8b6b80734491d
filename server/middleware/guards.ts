import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimitCounters } from '../store/types.ts';
import { apiCors } from './cors.ts';
import { clientIpResolver, type RemoteAddress, type TrustProxy } from './client-ip.ts';
import { declineBudget, requestLimit, type RateLimitRule } from './rate-limit.ts';

/** What stands before the public API: who may call it from a browser, and how often. */
export interface ApiGuards {
  /** CORS for /api/*. */
  cors: MiddlewareHandler;
  /** Public POSTs (every /api/* POST but the webhook), per client IP. */
  writes: MiddlewareHandler;
  /** POST /api/checkout: the budget of declined payments per client IP. */
  declines: MiddlewareHandler;
}

export interface GuardSettings {
  /** Origins whose pages may call the API; '*' lets any page (the CMS use-case). */
  allowedOrigins: string[] | '*';
  trustProxy: TrustProxy;
  /** null: no limit. */
  writes: RateLimitRule | null;
  declines: RateLimitRule | null;
}

const pass: MiddlewareHandler = (_c, next) => next();

/** Any origin, no limits: for tests and for embedding createApp behind guards of one's own. */
export const OPEN_GUARDS: ApiGuards = { cors: apiCors('*'), writes: pass, declines: pass };

export function createApiGuards(settings: GuardSettings, counters: RateLimitCounters, remoteAddress: RemoteAddress): ApiGuards & { clientIp: (c: Context) => string } {
  const clientIp = clientIpResolver(settings.trustProxy, remoteAddress);
  return {
    clientIp,
    cors: apiCors(settings.allowedOrigins),
    writes: settings.writes ? requestLimit(settings.writes, counters, clientIp) : pass,
    declines: settings.declines ? declineBudget(settings.declines, counters, clientIp) : pass,
  };
}
