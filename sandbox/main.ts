/**
 * `npm run sandbox`: the offline Stripe emulator alone on its own port (standalone.ts), its state
 * kept in SANDBOX_DATA_DIR across restarts. Prints its keys and how to point servers at it.
 */
import { serve } from '@hono/node-server';
import { packageRoot } from '../server/package-root.ts';
import { createStandaloneSandbox, standaloneConfig, startupMessage } from './standalone.ts';

// From source or built (dist/sandbox/main.js, `link-checkout sandbox`): the folder with dist/.
const root = packageRoot(import.meta.dirname);

let config;
try {
  config = standaloneConfig(process.env, root);
} catch (err) {
  console.error(`sandbox: ${(err as Error).message}`);
  process.exit(1);
}
const sandbox = await createStandaloneSandbox(config, root);

const server = serve({ fetch: sandbox.app.fetch, port: config.port, hostname: config.host }, (info) => {
  const host = config.host === '0.0.0.0' || config.host === '::' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  console.log(startupMessage(config.publicUrl ?? `http://${host}:${info.port}`, sandbox, config));
});

// Let queued webhook deliveries land and write the state before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    sandbox.emulator.close().finally(() => process.exit(0));
  });
}
