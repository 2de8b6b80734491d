import { resolve } from 'node:path';
import type { Command, Values } from './args.ts';

/**
 * `serve` and `sandbox`: the long-running processes, started from the installed package (no
 * tsx). Settings come from the environment (README "Environment variables"); the flags are
 * shortcuts. Data folders default to the current folder, not the package's: installed, that
 * would be inside node_modules, gone at the next install.
 */
function setEnv(values: Values, names: Record<string, string>, dataDefaults: Record<string, string>) {
  for (const [flag, variable] of Object.entries(names)) if (typeof values[flag] === 'string') process.env[variable] = values[flag];
  for (const [variable, folder] of Object.entries(dataDefaults)) process.env[variable] ??= resolve(folder);
}

/** Runs until the process gets SIGINT or SIGTERM; the entry point exits then. */
const forever = () => new Promise<never>(() => {});

export const serve: Command = {
  summary: 'run the checkout server (the offline sandbox when no Stripe keys are set)',
  usage: 'link-checkout serve [--port 8787] [--host localhost]\n\nSame as `node dist/server/main.js`; every setting is an environment variable (STRIPE_*, DATABASE_URL, DATA_DIR=./data/pglite, ...).',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values }) {
    setEnv(values, { port: 'PORT', host: 'HOST' }, { DATA_DIR: 'data/pglite' });
    await import('../server/main.ts');
    return forever();
  },
};

export const sandbox: Command = {
  summary: 'run the offline Stripe stand-in alone, for several servers to share (prints its keys)',
  usage: 'link-checkout sandbox [--port 12111] [--host 127.0.0.1]\n\nSame as `npm run sandbox`; settings: SANDBOX_PORT, SANDBOX_HOST, SANDBOX_DATA_DIR=./data/sandbox, SANDBOX_*_KEY, SANDBOX_PUBLIC_URL, SANDBOX_WEBHOOK_URLS.',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ values }) {
    setEnv(values, { port: 'SANDBOX_PORT', host: 'SANDBOX_HOST' }, { SANDBOX_DATA_DIR: 'data/sandbox' });
    await import('../sandbox/main.ts');
    return forever();
  },
};
