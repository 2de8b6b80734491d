/**
 * The emulator on its own, for several server instances to share (Node only; `npm run sandbox`
 * runs it through main.ts). One HTTP origin serves:
 *   /v1/*, /_sandbox/*            the REST API and sandbox pages (STRIPE_API_URL points here)
 *   /sandbox/stripe.js            the Stripe.js stand-in, as a classic script
 *   /sandbox/stripe/v1/*, …       the same emulator again, where that script looks for it
 * so a page loads the stand-in exactly as it does from the product server in sandbox mode.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import { type StripeEmulator, createStripeEmulator } from './api/index.ts';
import { directoryStateStore } from './api/state-dir.ts';

export interface StandaloneConfig {
  port: number;
  host: string;
  dataDir: string;
  secretKey?: string;
  publishableKey?: string;
  /** Origin browsers use to reach this sandbox (Checkout and Payment Link URLs); default http://localhost:<port>. */
  publicUrl?: string;
  /** Webhook endpoints to make sure of at start (each keeps its secret across restarts). */
  webhookUrls: string[];
}

/** The configuration from the environment: SANDBOX_PORT, SANDBOX_HOST, SANDBOX_DATA_DIR, SANDBOX_*_KEY, SANDBOX_PUBLIC_URL, SANDBOX_WEBHOOK_URLS. */
export function standaloneConfig(env: Record<string, string | undefined>, root: string): StandaloneConfig {
  const port = Number(env.SANDBOX_PORT ?? 12111);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SANDBOX_PORT must be a port number, got ${env.SANDBOX_PORT}`);
  const key = (name: 'SANDBOX_SECRET_KEY' | 'SANDBOX_PUBLISHABLE_KEY', prefix: string) => {
    const value = env[name]?.trim();
    if (value && !value.startsWith(prefix)) throw new Error(`${name} must start with ${prefix} (the sandbox is test mode only)`);
    return value || undefined;
  };
  return {
    port,
    host: env.SANDBOX_HOST?.trim() || '127.0.0.1',
    dataDir: resolve(root, env.SANDBOX_DATA_DIR?.trim() || 'data/sandbox'),
    secretKey: key('SANDBOX_SECRET_KEY', 'sk_test_'),
    publishableKey: key('SANDBOX_PUBLISHABLE_KEY', 'pk_test_'),
    publicUrl: env.SANDBOX_PUBLIC_URL?.trim() || undefined,
    webhookUrls: (env.SANDBOX_WEBHOOK_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
  };
}

/**
 * The stand-in script: bundled from source with esbuild when it is installed (a dev checkout, so
 * always current), else the one `npm run build` wrote to dist/sandbox/stripe.js.
 */
async function standInScript(root: string): Promise<string | null> {
  try {
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: [join(root, 'sandbox/stripe-js/iife.ts')], bundle: true, format: 'iife', target: 'es2022', write: false, logLevel: 'silent' });
    return result.outputFiles[0].text;
  } catch {
    const built = join(root, 'dist/sandbox/stripe.js');
    return existsSync(built) ? readFileSync(built, 'utf8') : null;
  }
}

export interface StandaloneSandbox {
  app: Hono;
  emulator: StripeEmulator;
  /** The endpoints from `webhookUrls`, with their signing secrets. */
  webhooks: Array<{ url: string; id: string; secret: string }>;
}

export async function createStandaloneSandbox(config: StandaloneConfig, root: string): Promise<StandaloneSandbox> {
  const emulator = createStripeEmulator({
    stateStore: directoryStateStore(config.dataDir),
    durable: true,
    secretKey: config.secretKey,
    publishableKey: config.publishableKey,
    publicBaseUrl: config.publicUrl,
  });
  const webhooks = config.webhookUrls.map((url) => ({ url, ...emulator.ensureWebhookEndpoint(url) }));
  await emulator.flush(); // a first start writes its keys at once
  const script = await standInScript(root);

  const app = new Hono();
  app.get('/sandbox/stripe.js', (c) => {
    if (script === null) return c.text('The Stripe.js stand-in is not built: run `npm run build` (or install dev dependencies).', 404);
    c.header('Content-Type', 'application/javascript; charset=utf-8');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(script);
  });
  app.route('/sandbox/stripe', emulator.app);
  app.route('/', emulator.app);
  return { app, emulator, webhooks };
}

/** What main.ts prints once listening: the keys and how to point a server and a page here. */
export function startupMessage(origin: string, sandbox: StandaloneSandbox, config: StandaloneConfig): string {
  const { emulator } = sandbox;
  const lines = [
    `Stripe sandbox (offline emulator) listening on ${origin}`,
    `  state:            ${join(config.dataDir, 'state.json')}`,
    `  secret key:       ${emulator.secretKey}`,
    `  publishable key:  ${emulator.publishableKey}`,
    `  Stripe.js:        ${origin}/sandbox/stripe.js   (classic <script> before @stripe/stripe-js; it calls ${origin}/sandbox/stripe)`,
    '',
    'Point a server at it:',
    `  STRIPE_API_URL=${origin} STRIPE_SECRET_KEY=${emulator.secretKey} STRIPE_PUBLISHABLE_KEY=${emulator.publishableKey}`,
  ];
  for (const w of sandbox.webhooks) lines.push(`  webhook ${w.url}: STRIPE_WEBHOOK_SECRET=${w.secret}`);
  if (!sandbox.webhooks.length) {
    lines.push('  webhooks: set SANDBOX_WEBHOOK_URLS=http://localhost:8787/api/webhook[,…] or POST /v1/webhook_endpoints (the secret is in the answer)');
  }
  return lines.join('\n');
}
