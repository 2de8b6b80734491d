/**
 * The contract suite's target: real Stripe test mode when STRIPE_SECRET_KEY=sk_test_… is set,
 * otherwise a fresh in-process sandbox emulator (sandbox/api). Every case talks to its target
 * through the official `stripe` SDK only; sandbox-only helpers (the mock 3DS page, fault
 * injection, webhook delivery to a local endpoint, Link one-time codes) are exposed separately and
 * every case that uses them is registered as "sandbox only" so it is skipped, with the reason, on
 * real Stripe.
 *
 * Cases are registered with `contractCase(name, source, fn, opts)`: `source` says where Stripe
 * documents the behaviour (a seed section in /work/shared/seeds, or a docs.stripe.com page).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import Stripe from 'stripe';
import { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '../../sandbox/api/index.ts';

export type TargetKind = 'sandbox' | 'stripe';

/** The kind of target this process runs against; throws for a live or malformed key. */
export function targetKind(env: NodeJS.ProcessEnv = process.env): TargetKind {
  const key = env.STRIPE_SECRET_KEY?.trim();
  if (!key) return 'sandbox';
  if (key.startsWith('sk_live_')) {
    throw new Error('test/contract refuses to run with a live key (sk_live_…): set STRIPE_SECRET_KEY=sk_test_… or unset it.');
  }
  if (!key.startsWith('sk_test_')) {
    throw new Error('test/contract: STRIPE_SECRET_KEY must be a test-mode secret key (sk_test_…), or unset to use the sandbox.');
  }
  return 'stripe';
}

export const TARGET: TargetKind = targetKind();

function envPublishableKey(): string | null {
  const key = process.env.STRIPE_PUBLISHABLE_KEY?.trim();
  if (!key) return null;
  if (!key.startsWith('pk_test_')) throw new Error('test/contract: STRIPE_PUBLISHABLE_KEY must be a test-mode publishable key (pk_test_…).');
  return key;
}

/** The publishable key of the target's account (the emulator's, or STRIPE_PUBLISHABLE_KEY on real Stripe). */
export function publishableKey(target: Target): string {
  const key = target.emulator ? target.emulator.publishableKey : envPublishableKey();
  assert.ok(key, 'no publishable key: set STRIPE_PUBLISHABLE_KEY=pk_test_…');
  return key;
}

export interface Target {
  kind: TargetKind;
  stripe: Stripe;
  /** Only on the sandbox target. */
  emulator: StripeEmulator | null;
  /** A tag unique to this run, stamped in metadata so real-Stripe objects can be told apart. */
  runId: string;
}

/**
 * A fresh target. On the sandbox each call makes its own emulator (files stay independent);
 * `emulatorOptions` (e.g. `deliver` for webhooks) only apply there.
 */
export function createTarget(emulatorOptions: StripeEmulatorOptions = {}): Target {
  const runId = `contract_${randomUUID().slice(0, 8)}`;
  if (TARGET === 'stripe') {
    const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!.trim(), {
      // Fail fast and clearly when api.stripe.com cannot be reached; one retry for real blips.
      maxNetworkRetries: 1,
      timeout: 20_000,
      telemetry: false,
      appInfo: { name: 'link-checkout-contract-suite' },
    });
    return { kind: 'stripe', stripe, emulator: null, runId };
  }
  const emulator = createStripeEmulator({ webhookRetry: { baseDelayMs: 1 }, ...emulatorOptions });
  return { kind: 'sandbox', stripe: emulator.stripeClient(), emulator, runId };
}

export interface CaseOptions {
  /** Only meaningful on the sandbox; on real Stripe the case is skipped with this reason. */
  sandboxOnly?: string;
  /** Needs a publishable key too; on real Stripe without STRIPE_PUBLISHABLE_KEY=pk_test_… it is skipped with this reason. */
  needsPublishableKey?: string;
  /** Needs real Stripe; on the sandbox the case is skipped with this reason. */
  stripeOnly?: string;
  timeout?: number;
}

/**
 * Registers one contract case. `name` states the Stripe behaviour pinned; `source` is where Stripe
 * documents it. Skips always carry their reason (in the skip message, and the name says which target).
 */
export function contractCase(
  name: string,
  source: string,
  fn: (t: TestContext) => Promise<void>,
  opts: CaseOptions = {},
): void {
  const title = `${name} [${source}]`;
  const timeout = opts.timeout ?? (TARGET === 'stripe' ? 60_000 : 10_000);
  if (opts.sandboxOnly) {
    if (TARGET === 'stripe') {
      test(`${title} (sandbox only)`, { skip: `sandbox only: ${opts.sandboxOnly}` }, () => {});
      return;
    }
    test(`${title} (sandbox only: ${opts.sandboxOnly})`, { timeout }, fn);
    return;
  }
  if (opts.needsPublishableKey && TARGET === 'stripe' && !envPublishableKey()) {
    test(`${title} (needs a publishable key)`, { skip: `needs STRIPE_PUBLISHABLE_KEY=pk_test_… with STRIPE_SECRET_KEY: ${opts.needsPublishableKey}` }, () => {});
    return;
  }
  if (opts.stripeOnly) {
    if (TARGET === 'sandbox') {
      test(`${title} (real Stripe only)`, { skip: `needs STRIPE_SECRET_KEY=sk_test_…: ${opts.stripeOnly}` }, () => {});
      return;
    }
    test(title, { timeout }, fn);
    return;
  }
  test(title, { timeout }, fn);
}

// ---------------------------------------------------------------------------------------------
// Helpers that work on both targets (official SDK only).

/** Stripe's test PaymentMethods (https://docs.stripe.com/testing, "Test code"). */
export const TEST_PM = {
  /** 4242 4242 4242 4242: succeeds. */
  visa: 'pm_card_visa',
  /** 4000 0027 6000 3184: authentication required on every payment, however set up. */
  authenticationRequired: 'pm_card_authenticationRequired',
  /** 4000 0000 0000 3220: 3D Secure 2 must be completed (the Link seed's 3DS card). */
  threeDSecure2Required: 'pm_card_threeDSecure2Required',
  /** 4000 0000 0000 0002: declined, decline_code generic_decline. */
  chargeDeclined: 'pm_card_chargeDeclined',
  /** 4000 0000 0000 9995: declined, decline_code insufficient_funds. */
  insufficientFunds: 'pm_card_visa_chargeDeclinedInsufficientFunds',
} as const;

export const RETURN_URL = 'https://shop.example/checkout/complete';

/**
 * A ConfirmationToken made server-side with the test helper
 * (stripe.testHelpers.confirmationTokens.create, POST /v1/test_helpers/confirmation_tokens; the SDK documents
 * it as the server-side way to make test-mode tokens for integration tests),
 * standing in for the one Stripe.js makes in the browser (seed 002 § create a ConfirmationToken).
 * It carries a return_url, as a browser-made token does.
 */
export async function confirmationToken(
  target: Target,
  paymentMethod: string,
  extra: NonNullable<Parameters<Stripe['testHelpers']['confirmationTokens']['create']>[0]> = {},
): Promise<Stripe.ConfirmationToken> {
  return target.stripe.testHelpers.confirmationTokens.create({ payment_method: paymentMethod, return_url: RETURN_URL, ...extra });
}

export async function customer(target: Target, extra: Stripe.CustomerCreateParams = {}): Promise<Stripe.Customer> {
  return target.stripe.customers.create({
    email: `jenny+${target.runId}@example.com`,
    name: 'Jenny Rosen',
    metadata: { contract_run: target.runId },
    ...extra,
  });
}

/** Resolves with the error `fn` rejects with; fails the case when it resolves. */
export async function rejection(fn: () => Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof Error, `expected a StripeError, got ${String(err)}`);
    if (!('type' in err) || !('statusCode' in err) || (err as { type?: string }).type === 'StripeConnectionError') throw err;
    return err as Stripe.errors.StripeError;
  }
  assert.fail('expected the Stripe call to fail');
}

/** Polls `fn` until it returns a value (real Stripe is eventually consistent for events and lists). */
export async function eventually<T>(fn: () => Promise<T | null | undefined>, what: string, timeoutMs = TARGET === 'stripe' ? 30_000 : 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, TARGET === 'stripe' ? 1_000 : 10));
  }
}

/** The latest event of `type` whose object `matches` (polling, as events are eventually listed on Stripe). */
export function eventFor(target: Target, type: string, matches: (object: any) => boolean): Promise<Stripe.Event> {
  return eventually(async () => {
    const events = await target.stripe.events.list({ type, limit: 20 });
    return events.data.find((e) => matches(e.data.object));
  }, type);
}

/** A fresh idempotency key. */
export const idempotencyKey = () => `contract-${randomUUID()}`;

// ---------------------------------------------------------------------------------------------
// Sandbox-only helpers (plain HTTP to the emulator, as the Stripe.js stand-in sends it).

export function requireEmulator(target: Target): StripeEmulator {
  assert.ok(target.emulator, 'this helper needs the sandbox target');
  return target.emulator;
}

/** A browser-style form request to the emulator with the publishable key. */
export async function sandboxBrowser(
  target: Target,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const emulator = requireEmulator(target);
  const form = new URLSearchParams(params).toString();
  const url = `http://api.stripe.sandbox${path}${method === 'GET' && form ? `?${form}` : ''}`;
  const res = await emulator.fetch(
    new Request(url, {
      method,
      headers: {
        Authorization: `Bearer ${emulator.publishableKey}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://shop.example',
      },
      body: method === 'POST' ? form : undefined,
    }),
  );
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

/**
 * Plays the card issuer's mock 3DS page (seed 000 § Card authentication and 3D Secure: in a
 * sandbox a mock page lets you authorize or fail). Sandbox route: POST /_sandbox/3ds/:intent.
 */
export async function sandboxAuthenticate(
  target: Target,
  intent: { id: string; client_secret: string | null },
  outcome: 'complete' | 'fail',
): Promise<void> {
  const res = await sandboxBrowser(target, 'POST', `/_sandbox/3ds/${intent.id}`, {
    client_secret: intent.client_secret ?? '',
    outcome,
  });
  assert.equal(res.status, 200, `mock 3DS page answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** The PaymentIntent id inside a client secret (`pi_…_secret_…`). */
export function intentIdFromClientSecret(secret: string): string {
  const m = /^((?:pi|seti)_[A-Za-z0-9]+)_secret_/.exec(secret);
  assert.ok(m, `not an intent client secret: ${secret}`);
  return m[1];
}
