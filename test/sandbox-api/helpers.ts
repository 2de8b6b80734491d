import type Stripe from 'stripe';
import { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '../../sandbox/api/index.ts';

export const CARDS = {
  visa: '4242424242424242',
  threeDS: '4000000000003220',
  declined: '4000000000000002',
  insufficient: '4000000000009995',
  live: '4111111111111111',
} as const;

export interface Harness {
  emu: StripeEmulator;
  stripe: Stripe;
  deliveries: Request[];
}

/** An emulator whose webhooks are captured in memory (answering 2xx unless `answer` says otherwise). */
export function harness(opts: StripeEmulatorOptions & { answer?: (req: Request) => number } = {}): Harness {
  const deliveries: Request[] = [];
  const emu = createStripeEmulator({
    webhookRetry: { baseDelayMs: 1 },
    ...opts,
    deliver:
      opts.deliver ??
      (async (req) => {
        deliveries.push(req.clone());
        return new Response('ok', { status: opts.answer?.(req) ?? 200 });
      }),
  });
  return { emu, stripe: emu.stripeClient(), deliveries };
}

/** What the Stripe.js stand-in sends: a form POST with the publishable key. */
export async function browser(
  emu: StripeEmulator,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string> = {},
  key = emu.publishableKey,
): Promise<{ status: number; body: any; headers: Headers }> {
  const body = new URLSearchParams(params).toString();
  const url = `http://api.stripe.sandbox${path}${method === 'GET' && body ? `?${body}` : ''}`;
  const res = await emu.fetch(
    new Request(url, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://shop.example' },
      body: method === 'POST' ? body : undefined,
    }),
  );
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** Where the widget's tokens send the customer back (Stripe wants one for automatic payment methods). */
export const RETURN_URL = 'https://shop.example/checkout';

/** Creates a ConfirmationToken the way the browser does, with a raw card number and a return_url. */
export async function browserToken(emu: StripeEmulator, number: string, extra: Record<string, string> = {}): Promise<string> {
  const { status, body } = await browser(emu, 'POST', '/v1/confirmation_tokens', {
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': number,
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 2),
    'payment_method_data[card][cvc]': '123',
    'payment_method_data[billing_details][name]': 'Jenny Rosen',
    'payment_method_data[billing_details][email]': 'jenny@example.com',
    return_url: RETURN_URL,
    ...extra,
  });
  if (status !== 200) throw new Error(`token creation failed: ${status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Runs `fn` expecting a StripeError; returns it. */
export async function rejects(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}
