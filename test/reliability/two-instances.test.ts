// Two server instances (two createApp apps) on one PostgreSQL, in front of ONE stand-in Stripe,
// as behind a load balancer. Today the stand-in is the in-process emulator; `stripeStandIn()` is
// the only part to change for the standalone sandbox (`npm run sandbox` on its own port): give
// each instance `new Stripe(key, parseApiUrl(STRIPE_API_URL))`, and register the instances'
// listening URLs as its webhook endpoints.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type Stripe from 'stripe';
import { createStripeEmulator } from '../../sandbox/api/index.ts';
import { createApp } from '../../server/app.ts';
import { createApiGuards } from '../../server/middleware/guards.ts';
import { createPriceRules } from '../../server/pricing/index.ts';
import { createPostgresStore } from '../../server/store/postgres.ts';
import type { Store } from '../../server/store/types.ts';
import { catalog } from '../server/helpers.ts';
import { POSTGRES_SKIP_REASON, POSTGRES_URL, freshPostgresDatabase } from '../server/store-engines.ts';

const skip = POSTGRES_URL ? false : POSTGRES_SKIP_REASON;
/** A skipped case carries the reason in its own name. */
const named = (name: string) => (skip ? `${name} (${skip})` : name);
const INSTANCES = ['instance-a', 'instance-b'] as const;
type InstanceName = (typeof INSTANCES)[number];

/** What the test needs of Stripe: an SDK per instance, webhook endpoints, tokens, and a look at its objects. */
function stripeStandIn(route: (url: string, request: Request) => Promise<Response>) {
  const emulator = createStripeEmulator({ deliver: (request) => route(request.url, request) });
  return {
    publishableKey: emulator.publishableKey,
    sdkFor: (_instance: InstanceName): Stripe => emulator.stripeClient(),
    addWebhookEndpoint: (url: string) => emulator.addWebhookEndpoint(url).secret,
    webhooksIdle: () => emulator.webhooksIdle(),
    async confirmationToken(card: string): Promise<string> {
      const response = await emulator.fetch(new Request('http://stripe.sandbox/v1/confirmation_tokens', {
        method: 'POST',
        headers: { Authorization: `Bearer ${emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'payment_method_data[type]': 'card', 'payment_method_data[card][number]': card, 'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': '2034', 'payment_method_data[card][cvc]': '123', return_url: 'https://shop.example/' }),
      }));
      return ((await response.json()) as { id: string }).id;
    },
    paymentIntents: async () => (await emulator.stripeClient().paymentIntents.list({ limit: 100 })).data,
  };
}

describe(`two server instances on one PostgreSQL and one stand-in Stripe${skip ? ` (${skip})` : ''}`, () => {
  const apps = new Map<InstanceName, Hono>();
  const stores: Store[] = [];
  /** Webhook answers by instance, to see which instance applied each event. */
  const webhookAnswers: Array<{ instance: InstanceName; eventId: string; duplicate: boolean }> = [];
  let stripe: ReturnType<typeof stripeStandIn>;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;

  before(async () => {
    if (skip) return;
    database = await freshPostgresDatabase();
    stripe = stripeStandIn(async (url, request) => {
      const instance = new URL(url).hostname as InstanceName;
      const eventId = ((await request.clone().json()) as { id: string }).id;
      const response = await apps.get(instance)!.fetch(request);
      const body = (await response.clone().json()) as { duplicate?: boolean };
      if (response.ok) webhookAnswers.push({ instance, eventId, duplicate: body.duplicate === true });
      return response;
    });
    for (const instance of INSTANCES) {
      // Each instance its own pool, as separate processes would have.
      const store = await createPostgresStore(database.url, { max: 4 });
      stores.push(store);
      const webhookSecret = stripe.addWebhookEndpoint(`http://${instance}/api/webhook`);
      const guards = createApiGuards(
        { allowedOrigins: '*', trustProxy: false, writes: { limit: 5, windowMs: 60_000 }, declines: null },
        store,
        (c) => (c.env as { peer?: string } | undefined)?.peer,
      );
      apps.set(instance, createApp({
        stripe: stripe.sdkFor(instance),
        store,
        guards,
        pricing: createPriceRules({ catalog }),
        config: { publishableKey: stripe.publishableKey, webhookSecret, sandbox: true },
      }));
    }
  });
  after(async () => {
    await stripe?.webhooksIdle();
    await Promise.all(stores.map((store) => store.close()));
    await database?.drop();
  });

  const post = (instance: InstanceName, path: string, body: unknown, peer: string) =>
    apps.get(instance)!.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, { peer });

  test(named('20 attempts, each submitted twice at once to both instances: one order and one PaymentIntent per attempt'), { skip }, async () => {
    const attempts = await Promise.all(Array.from({ length: 20 }, async (_, i) => ({
      peer: `10.0.0.${i + 1}`,
      body: { attemptId: `attempt-two-instances-${i}-${crypto.randomUUID()}`, confirmationTokenId: await stripe.confirmationToken('4242424242424242'), item: 'tshirt' },
    })));
    const answers = await Promise.all(attempts.flatMap(({ peer, body }) => INSTANCES.map(async (instance) => {
      const response = await post(instance, '/api/checkout', body, peer);
      return { attemptId: body.attemptId, status: response.status, json: (await response.json()) as { orderId?: string; status?: string; error?: { code: string } } };
    })));

    const intents = await stripe.paymentIntents();
    for (const { body } of attempts) {
      const pair = answers.filter((answer) => answer.attemptId === body.attemptId);
      // Both may succeed (the second replays Stripe's idempotent answer), or the second is told
      // the attempt is still in progress; neither makes a second payment.
      for (const answer of pair) assert.ok(answer.status === 200 || answer.json.error?.code === 'attempt_in_progress', JSON.stringify(answer));
      const orderIds = new Set(pair.map((answer) => answer.json.orderId).filter(Boolean));
      assert.equal(orderIds.size, 1, `one order for ${body.attemptId}`);
      const [orderId] = orderIds;
      assert.equal(intents.filter((intent) => intent.metadata.order_id === orderId).length, 1, `one PaymentIntent for ${orderId}`);
    }
  });

  test(named('each webhook event reaches both instances and is applied by exactly one'), { skip }, async () => {
    await stripe.webhooksIdle();
    const byEvent = new Map<string, typeof webhookAnswers>();
    for (const answer of webhookAnswers) byEvent.set(answer.eventId, [...(byEvent.get(answer.eventId) ?? []), answer]);
    assert.ok(byEvent.size >= 20, `events delivered: ${byEvent.size}`);
    for (const [eventId, answers] of byEvent) {
      assert.deepEqual(answers.map((a) => a.instance).sort(), [...INSTANCES], `${eventId} went to both`);
      assert.equal(answers.filter((a) => !a.duplicate).length, 1, `${eventId} applied once`);
    }
  });

  test(named('the rate limit is shared: the limit of 5 counts requests to both instances together'), { skip }, async () => {
    const peer = '203.0.113.77';
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(INSTANCES[i % 2]!, '/api/checkout', {}, peer)).status);
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
  });
});
