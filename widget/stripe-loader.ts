import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe } from '@stripe/stripe-js';
import type { InlineConfig, PublicConfig, Quote } from '../protocol/index.ts';
import { CheckoutError } from './api-client.ts';
import { EN } from './words.ts';

/**
 * The config the server appended to the script it served (server/widget-script.ts), for that
 * server's origin; undefined when the script came from elsewhere (a CDN copy).
 */
export function inlineConfig(server: string): InlineConfig | undefined {
  const configs = (globalThis as { __linkCheckoutConfig?: Record<string, InlineConfig> }).__linkCheckoutConfig;
  try {
    return configs?.[new URL(server).origin];
  } catch {
    return undefined;
  }
}

/** The quote the server put in its script for this exact query (a tag naming only a catalog item). */
export const inlineQuote = (server: string, query: string): Quote | undefined => inlineConfig(server)?.quotes?.[query];

/** One load per script URL, shared by every <link-checkout> on the page. */
const sandboxScripts = new Map<string, Promise<void>>();

/**
 * Gets a Stripe instance for the server's publishable key.
 *
 * `loadStripe` (pure entry: it injects nothing at import time) uses `window.Stripe` when the page
 * already has one and otherwise loads js.stripe.com. In sandbox mode we first put the server's
 * stand-in on the page as `window.Stripe`, so everything after this function is identical in both
 * modes. `sandboxStripeJsUrl` is resolved against the server, as the page may be on another origin.
 */
export async function loadStripeFor(config: PublicConfig, resolveUrl: (path: string) => string): Promise<Stripe> {
  if (config.sandbox) {
    // A live key means real money: never pair it with an offline stand-in that shows fake success.
    if (config.publishableKey.startsWith('pk_live_')) {
      throw new CheckoutError({
        type: 'invalid_request_error',
        code: 'sandbox_with_live_key',
        message: EN.liveKey,
      });
    }
    if (config.sandboxStripeJsUrl && !window.Stripe) {
      await loadClassicScript(resolveUrl(config.sandboxStripeJsUrl));
    }
  }
  let stripe: Stripe | null;
  try {
    stripe = await loadStripe(config.publishableKey);
  } catch {
    stripe = null;
  }
  if (!stripe) {
    throw new CheckoutError({
      type: 'network_error',
      code: 'stripe_js_unavailable',
      message: EN.formFailed,
    });
  }
  return stripe;
}

function loadClassicScript(src: string): Promise<void> {
  let loading = sandboxScripts.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener('error', () => reject(new Error(`Failed to load ${src}`)), { once: true });
      document.head.append(script);
    }).catch((cause: unknown) => {
      sandboxScripts.delete(src); // let a later <link-checkout> try again
      throw new CheckoutError({
        type: 'network_error',
        code: 'sandbox_stripe_js_unavailable',
        message: `${EN.formFailed} (${String(cause)})`,
      });
    });
    sandboxScripts.set(src, loading);
  }
  return loading;
}
