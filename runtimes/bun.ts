/**
 * The checkout server on Bun: `bun runtimes/bun.ts` (PORT, HOST and the variables of
 * README "Environment variables"; DATABASE_URL to keep orders).
 */
import { createRuntimeApp } from './app.ts';
import { openRuntimeStore } from './store.ts';

declare const Bun: { serve(options: { fetch: (request: Request) => Response | Promise<Response>; port: number; hostname: string }): { port: number; stop(): void } };

const env = process.env;
const store = await openRuntimeStore(env);
const { app } = createRuntimeApp(env, store);
const server = Bun.serve({ fetch: app.fetch, port: Number(env.PORT ?? 8787), hostname: env.HOST ?? 'localhost' });
console.log(`Link Checkout listening on http://localhost:${server.port} (Bun)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.stop();
    void store.close().finally(() => process.exit(0));
  });
}
