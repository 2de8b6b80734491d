// Test helpers: a recording fetch stub (so unit tests need no emulator) and a fresh stand-in.
import type { Stripe } from '@stripe/stripe-js';
import { installStripeStandIn } from '../../sandbox/stripe-js/index.ts';

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: URLSearchParams;
}

type Route = (call: Call) => { status?: number; json: unknown };

/** Replaces window.fetch; returns the recorded calls and a restore function. */
export function stubFetch(route: Route): { calls: Call[]; restore: () => void } {
  const original = window.fetch;
  const calls: Call[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
    };
    calls.push(call);
    const { status = 200, json } = route(call);
    return new Response(JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { calls, restore: () => (window.fetch = original) };
}

export const PK = 'pk_test_sandbox_unit';

export function newStripe(apiBase = '/sandbox/stripe'): Stripe {
  return installStripeStandIn({ apiBase })(PK);
}

export const nextTick = () => new Promise((r) => setTimeout(r, 0));

/** Sets an input's value as typing would, firing 'input' (or 'change' for selects). */
export function type(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/** The control labelled `text` inside `root`, found through its <label for>. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string): T {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent === text);
  if (!label) throw new Error(`no label "${text}"`);
  const control = document.getElementById(label.htmlFor);
  if (!control || !root.contains(control)) throw new Error(`label "${text}" points at nothing inside the element`);
  return control as T;
}

/**
 * Types a card into the Payment Element in `root`, and an email into its own Email field when it
 * has one (a group without a Link Authentication Element).
 */
export function fillCard(root: ParentNode, number = '4242 4242 4242 4242', { expiry = '12 / 40', cvc = '123', email = 'jenny@example.com' } = {}): void {
  const ownEmail = root.querySelector<HTMLInputElement>('.SandboxElement--payment input[id$="-email"]');
  if (ownEmail) type(ownEmail, email);
  type(byLabel(root, 'Card number'), number);
  type(byLabel(root, 'Expiration date'), expiry);
  type(byLabel(root, 'Security code'), cvc);
}

/** The radio button whose <label> reads `text` (saved payment methods). */
export function radio(root: ParentNode, text: string): HTMLInputElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  const input = label?.querySelector<HTMLInputElement>('input[type="radio"]');
  if (!input) throw new Error(`no radio labelled "${text}"`);
  return input;
}

/** Checks a radio as a click would. */
export function choose(input: HTMLInputElement): void {
  input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The label texts in `root`, for asserting what is (not) rendered. */
export const labels = (root: ParentNode) => [...root.querySelectorAll('label')].map((l) => l.textContent?.trim());

/** Awaits a rejection and returns its error. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** Runs fn and returns the IntegrationError it throws. */
export function integrationError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    if ((e as Error).name !== 'IntegrationError') throw e;
    return e as Error;
  }
  throw new Error('expected an IntegrationError');
}
