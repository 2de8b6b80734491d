import type { SqlClient } from './sql.ts';
import type { RateLimitCounters } from './types.ts';

/** Fixed-window counters, one row per key; appended to the store's migrations. */
export const RATE_LIMITS_MIGRATION = [
  `create table rate_limits (
     key text primary key,
     hits integer not null,
     window_ends timestamptz not null
   )`,
  `create index rate_limits_window_ends on rate_limits (window_ends)`,
];

/** Expired windows are deleted once every this many hits, so the table stays small. */
const PURGE_EVERY = 500;

/**
 * Counters in the database, so every instance on one PostgreSQL sees the same counts. The
 * database's clock decides the windows: instances whose clocks differ still agree.
 */
export function rateLimitCounters(db: SqlClient): RateLimitCounters {
  let hitsSincePurge = 0;
  return {
    async hitRateLimit(key, windowMs) {
      if (++hitsSincePurge >= PURGE_EVERY) {
        hitsSincePurge = 0;
        await db.query('delete from rate_limits where window_ends < now()');
      }
      // One statement: concurrent hits on the same key serialize on its row.
      const { rows } = await db.query<{ hits: number; window_ends: Date }>(
        `insert into rate_limits as r (key, hits, window_ends) values ($1, 1, now() + $2::integer * interval '1 millisecond')
         on conflict (key) do update set
           hits = case when r.window_ends <= now() then 1 else r.hits + 1 end,
           window_ends = case when r.window_ends <= now() then excluded.window_ends else r.window_ends end
         returning hits, window_ends`,
        [key, Math.round(windowMs)],
      );
      return { hits: rows[0]!.hits, resetAt: rows[0]!.window_ends };
    },
    async unhitRateLimit(key) {
      await db.query('update rate_limits set hits = hits - 1 where key = $1 and hits > 0 and window_ends > now()', [key]);
    },
  };
}
