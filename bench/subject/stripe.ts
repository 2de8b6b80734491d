/**
 * Entry `stripe`: the emulator alone over HTTP, standing in for api.stripe.com when a server runs in real mode
 * (STRIPE_API_URL points here), with fixed test keys and bench routes: tokens, and a webhook
 * endpoint added once the server's port is known. In memory: no state is written to disk.
 */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { createStripeEmulator } from '../../sandbox/api/index.ts';
import { BENCH_KEYS, BENCH_WEBHOOK_SECRET } from './keys.ts';
import { listen } from './listen.ts';
import { makeTokens } from './tokens.ts';

const emulator = createStripeEmulator(BENCH_KEYS);
const app = new Hono();
app.post('/__bench/tokens', async (c) => c.json({ ids: await makeTokens(emulator, Number(c.req.query('count'))) }));
app.post('/__bench/webhook', (c) => c.json(emulator.addWebhookEndpoint(c.req.query('url')!, { secret: BENCH_WEBHOOK_SECRET })));
app.get('/__bench/idle', async (c) => {
  await emulator.webhooksIdle();
  return c.json({});
});
app.all('*', (c) => emulator.fetch(c.req.raw));
// createAdaptorServer is what @hono/node-server's serve() (main.ts) listens with.
listen(createAdaptorServer({ fetch: app.fetch }) as Server);
