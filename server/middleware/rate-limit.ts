import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter, type RateLimitInfo, type Store as LimiterStore } from 'hono-rate-limiter';
import { ApiError, sendError } from '../errors.ts';
import type { RateLimitCounters } from '../store/types.ts';

/** `limit` requests per `windowMs`, per client IP. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/**
 * hono-rate-limiter's counting, on the store's counters (a table in PGlite or PostgreSQL), so
 * every instance on one database shares them. Keys are prefixed by the limit's name.
 */
function countersStore(counters: RateLimitCounters, name: string): LimiterStore {
  let windowMs = 60_000;
  return {
    init: (options) => { windowMs = options.windowMs; },
    increment: async (key) => {
      const { hits, resetAt } = await counters.hitRateLimit(`${name}:${key}`, windowMs);
      return { totalHits: hits, resetTime: resetAt };
    },
    decrement: (key) => counters.unhitRateLimit(`${name}:${key}`),
    resetKey: () => {
      throw new Error('Rate-limit counters expire with their window; they are not reset by hand.');
    },
  };
}

function tooMany(code: string, message: string, infoKey: string) {
  return (c: Context) => {
    const info = c.get(infoKey as never) as RateLimitInfo | undefined;
    const seconds = info?.resetTime ? Math.ceil((info.resetTime.getTime() - Date.now()) / 1000) : 60;
    c.header('Retry-After', String(Math.max(1, seconds)));
    return sendError(c, new ApiError(429, 'rate_limit_error', code, message));
  };
}

/** Every counted request of one client IP, e.g. the public POSTs. */
export function requestLimit(rule: RateLimitRule, counters: RateLimitCounters, clientIp: (c: Context) => string): MiddlewareHandler {
  return rateLimiter({
    ...rule,
    keyGenerator: clientIp,
    store: countersStore(counters, 'writes'),
    standardHeaders: 'draft-6',
    requestPropertyName: 'writeLimit',
    handler: tooMany('rate_limited', 'Too many requests from your network; please wait a moment and try again.', 'writeLimit'),
  });
}

/**
 * Card testing shows as many declines from one address: after `limit` declined checkouts (a 402
 * from the route) in the window, that IP's checkouts get a 429 until the window ends. Every
 * request is counted when it starts and taken back unless it was declined, so concurrent
 * attempts cannot slip past the budget.
 */
export function declineBudget(rule: RateLimitRule, counters: RateLimitCounters, clientIp: (c: Context) => string): MiddlewareHandler {
  return rateLimiter({
    ...rule,
    keyGenerator: clientIp,
    store: countersStore(counters, 'declines'),
    standardHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (c) => c.res.status !== 402,
    requestPropertyName: 'declineBudget',
    handler: tooMany('too_many_declines', 'Too many declined payments from your network; please try again later or contact the shop.', 'declineBudget'),
  });
}
