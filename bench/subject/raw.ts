/**
 * Entry `raw` (STRIPE_API_URL: the emulator over HTTP): the anchor for the server: a raw node:http handler with no framework, no store and no price
 * rules beyond a catalog lookup. `/api/checkout` makes the one SDK call a checkout needs (create
 * and confirm the PaymentIntent with the ConfirmationToken) against an in-process emulator, as
 * the product server does in sandbox mode; or, given `stripeApiUrl`, against the emulator over
 * HTTP (subject/stripe.ts), as the product server does in real mode.
 */
import Stripe from 'stripe';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createStripeEmulator } from '../../sandbox/api/index.ts';
import catalog from '../../server/catalog.sample.json' with { type: 'json' };
import { BENCH_KEYS } from './keys.ts';
import { listen } from './listen.ts';
import { makeTokens } from './tokens.ts';

const prices = catalog as Record<string, { name: string; amount: number; currency: string }>;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  response.end(json);
}

function createRawServer(stripeApiUrl?: string): Server {
  const emulator = stripeApiUrl ? null : createStripeEmulator();
  const remote = stripeApiUrl ? new URL(stripeApiUrl) : null;
  const stripe = emulator?.stripeClient() ?? new Stripe(BENCH_KEYS.secretKey, { host: remote!.hostname, port: Number(remote!.port), protocol: 'http' });
  const config = { publishableKey: emulator?.publishableKey ?? BENCH_KEYS.publishableKey, sandbox: Boolean(emulator) };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/api/config') {
      return sendJson(response, 200, emulator ? { ...config, sandboxStripeJsUrl: `http://${request.headers.host}/sandbox/stripe.js` } : config);
    }
    if (request.method === 'POST' && url.pathname === '/api/checkout') {
      const { item, attemptId, confirmationTokenId, email } = JSON.parse(await readBody(request));
      const price = prices[item];
      if (!price) return sendJson(response, 400, { error: { type: 'invalid_request_error', code: 'unknown_item' } });
      const intent = await stripe.paymentIntents.create(
        { amount: price.amount, currency: price.currency, confirm: true, confirmation_token: confirmationTokenId, description: price.name, metadata: { item }, receipt_email: email },
        { idempotencyKey: `raw:${attemptId}` },
      );
      return sendJson(response, 200, { status: intent.status, clientSecret: intent.client_secret, paymentIntentId: intent.id });
    }
    // Bench controls, outside any timed window.
    if (emulator && request.method === 'POST' && url.pathname === '/__bench/tokens') {
      return sendJson(response, 200, { ids: await makeTokens(emulator, Number(url.searchParams.get('count'))) });
    }
    if (emulator && url.pathname === '/__bench/idle') {
      await emulator.webhooksIdle();
      return sendJson(response, 200, {});
    }
    sendJson(response, 404, { error: { type: 'invalid_request_error', code: 'route_not_found' } });
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: Error) => sendJson(response, 500, { error: { type: 'api_error', message: error.message } }));
  });
}

listen(createRawServer(process.env.STRIPE_API_URL));
