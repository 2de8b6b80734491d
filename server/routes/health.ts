import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';

/** A store that has not answered by then counts as unreachable: a load balancer should not wait on it. */
const PING_TIMEOUT_MS = 2_000;

/** GET /healthz: 200 while the store answers, 503 otherwise (for load balancers and orchestrators). */
export function healthRoutes({ store }: AppDeps) {
  return new Hono().get('/healthz', async (c) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), PING_TIMEOUT_MS); });
    try {
      await Promise.race([store.ping(), timeout]);
      return c.json({ status: 'ok', store: 'reachable' });
    } catch {
      return c.json({ status: 'unavailable', store: 'unreachable' }, 503);
    } finally {
      clearTimeout(timer);
    }
  });
}
