/**
 * The checkout server on Deno: `deno run -A runtimes/deno.ts` from a folder with node_modules
 * (npm install), or with the package: `import { createApp } from 'npm:link-checkout/server'`.
 * PORT, HOST and the variables of README "Environment variables"; DATABASE_URL to keep orders.
 */
import { createRuntimeApp } from './app.ts';
import { openRuntimeStore } from './store.ts';

declare const Deno: {
  env: { toObject(): Record<string, string> };
  serve(options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void }, handler: (request: Request) => Response | Promise<Response>): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
};

const env = Deno.env.toObject();
const store = await openRuntimeStore(env);
const { app } = createRuntimeApp(env, store);
const server = Deno.serve({
  port: Number(env.PORT ?? 8787),
  hostname: env.HOST ?? 'localhost',
  onListen: ({ port }) => console.log(`Link Checkout listening on http://localhost:${port} (Deno)`),
}, app.fetch);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, () => {
    void server.shutdown().then(() => store.close()).finally(() => Deno.exit(0));
  });
}
