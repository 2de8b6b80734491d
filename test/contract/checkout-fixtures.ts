/**
 * Checkout helpers the contract cases share: the card fields a shopper types into the (sandbox)
 * Checkout page, submitting that page, and waiting for checkout.session.completed.
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { eventFor, requireEmulator, sandboxBrowser, type Target } from './target.ts';

/** The hosted/embedded Checkout page's card fields for `number` (4242 4242 4242 4242 by default; expires in two years). */
export function testCardFields(number = '4242424242424242'): Record<string, string> {
  return {
    'card[number]': number,
    'card[exp_month]': '12',
    'card[exp_year]': String(new Date().getUTCFullYear() + 2),
    'card[cvc]': '123',
  };
}

/** Waits for the checkout.session.completed event about `sessionId` and returns it. */
export function checkoutSessionCompleted(target: Target, sessionId: string): Promise<Stripe.Event> {
  return eventFor(target, 'checkout.session.completed', (session: Stripe.Checkout.Session) => session.id === sessionId);
}

/**
 * Sandbox only: the shopper fills in and submits the page of `session` (hosted: the form post at
 * its url, answered 303; embedded: the stand-in's completion call with the client secret).
 */
export async function completeCheckout(target: Target, session: Stripe.Checkout.Session, fields: Record<string, string> = {}): Promise<void> {
  const form = { ...testCardFields(), 'billing_details[name]': 'Jenny Rosen', ...fields };
  if (session.ui_mode === 'embedded_page') {
    const res = await sandboxBrowser(target, 'POST', `/_sandbox/checkout/${session.id}/complete`, { client_secret: session.client_secret!, ...form });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return;
  }
  const res = await requireEmulator(target).fetch(
    new Request(`${session.url}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    }),
  );
  assert.equal(res.status, 303, await res.text());
}
