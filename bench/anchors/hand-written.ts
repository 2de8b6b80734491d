/**
 * The floor: the checkout written by hand with @stripe/stripe-js/pure. One deferred-intent
 * Elements group with the Link Authentication, Address and Payment Elements, paid through the
 * server's POST /api/checkout with a ConfirmationToken. Built for the size table, and served by
 * the bench as the time-to-ready baseline (bench/pages/hand-written.html holds its form).
 *
 * Like a server-rendered checkout, it takes the publishable key and the price from JSON in the
 * page (`#checkout-data`); a page without it fetches /api/config and /api/quote in parallel, as
 * the element must. It signals `checkout-ready`, `checkout-success` and `checkout-error` on document.
 */
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeElements, StripeElementsOptionsMode } from '@stripe/stripe-js';

interface CheckoutData {
  publishableKey: string;
  sandboxStripeJsUrl?: string;
  quote: { mode: string; elements: Record<string, unknown> };
}

const ITEM = 'tshirt';
const EMAIL = 'jenny@example.com';
const NAME = 'Jenny Rosen';
const signal = (type: string, detail?: unknown) => document.dispatchEvent(new CustomEvent(type, { detail }));
const getJson = (path: string) => fetch(path).then((response) => response.json());

async function checkoutData(): Promise<CheckoutData> {
  const inPage = document.getElementById('checkout-data');
  if (inPage) return JSON.parse(inPage.textContent!);
  const [config, quote] = await Promise.all([getJson('/api/config'), getJson(`/api/quote?item=${ITEM}`)]);
  return { ...config, quote };
}

/** The sandbox's Stripe.js stand-in is a classic script that sets window.Stripe, which loadStripe then returns. */
function loadStandIn(src: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src, async: true, onload: resolve, onerror: reject });
    document.head.append(script);
  });
}

function mount(elements: StripeElements, kind: string, options: object): Promise<unknown> {
  const element = (elements.create as (kind: string, options: object) => { mount(target: string): void; on(event: string, handler: () => void): void })(kind, options);
  const ready = new Promise((resolve) => element.on('ready', () => resolve(undefined)));
  element.mount(`#${kind}`);
  return ready;
}

async function pay(stripe: Stripe, elements: StripeElements): Promise<void> {
  const submitted = await elements.submit();
  if (submitted.error) throw submitted.error;
  const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
  if (error) throw error;
  const response = await fetch('/api/checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ item: ITEM, attemptId: crypto.randomUUID(), confirmationTokenId: confirmationToken.id, email: EMAIL }),
  });
  const result = await response.json();
  if (!response.ok) throw result.error;
  if (result.status === 'requires_action') {
    const next = await stripe.handleNextAction({ clientSecret: result.clientSecret });
    if (next.error) throw next.error;
  }
  signal('checkout-success', { orderId: result.orderId });
}

async function start(): Promise<void> {
  const data = await checkoutData();
  if (data.sandboxStripeJsUrl) await loadStandIn(data.sandboxStripeJsUrl);
  const stripe = await loadStripe(data.publishableKey);
  if (!stripe) throw new Error('Stripe.js did not load');
  const elements = stripe.elements(data.quote.elements as unknown as StripeElementsOptionsMode);
  await Promise.all([
    mount(elements, 'linkAuthentication', { defaultValues: { email: EMAIL } }),
    mount(elements, 'address', { mode: 'shipping', defaultValues: { name: NAME } }),
    mount(elements, 'payment', { layout: 'tabs', defaultValues: { billingDetails: { name: NAME, email: EMAIL } } }),
  ]);
  const form = document.querySelector('form')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    pay(stripe, elements).catch((error) => signal('checkout-error', error));
  });
  signal('checkout-ready');
}

start().catch((error) => signal('checkout-error', String(error)));
