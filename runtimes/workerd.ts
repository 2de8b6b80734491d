/**
 * The checkout server as a Cloudflare Worker (workerd): `export default { fetch }`. Bundle it
 * (scripts/build-worker.mjs, or wrangler with `main = "runtimes/workerd.ts"`) with the
 * `nodejs_compat` flag: node-postgres reaches PostgreSQL over TCP with `connect()` from
 * `cloudflare:sockets` (its pg-cloudflare socket). The store is DATABASE_URL (a binding or a
 * secret; Hyperdrive's connection string works too): PGlite does not run here (see README).
 *
 * A Worker may not use one request's socket for another, so each request gets a connection of
 * its own, closed once the request and the webhook deliveries it caused are done.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { checkDatabaseUrl } from '../server/env.ts';
import { createPostgresStore } from '../server/store/postgres.ts';
import type { Store } from '../server/store/types.ts';
import { createRuntimeApp, type RuntimeApp, type RuntimeEnv } from './app.ts';

interface ExecutionContext { waitUntil(promise: Promise<unknown>): void }

const requestStore = new AsyncLocalStorage<Store>();

/** The store of the request being served (deliveries it caused run in its context too). */
const store = new Proxy({} as Store, {
  get(_target, key: keyof Store) {
    const current = requestStore.getStore();
    if (!current) throw new Error('link-checkout: the store was used outside a request');
    const value = current[key];
    return typeof value === 'function' ? value.bind(current) : value;
  },
});

let runtime: RuntimeApp | undefined;

export default {
  async fetch(request: Request, env: RuntimeEnv, ctx: ExecutionContext): Promise<Response> {
    if (!env.DATABASE_URL) return Response.json({ error: { type: 'api_error', code: 'no_database', message: 'Set DATABASE_URL (postgres://…) for the Worker.' } }, { status: 503 });
    runtime ??= createRuntimeApp(env, store);
    const connection = await createPostgresStore(checkDatabaseUrl(env.DATABASE_URL), { max: 1 });
    const app = runtime;
    const response = await requestStore.run(connection, () => app.app.fetch(request));
    ctx.waitUntil(requestStore.run(connection, () => app.webhooksIdle()).finally(() => connection.close()));
    return response;
  },
};
