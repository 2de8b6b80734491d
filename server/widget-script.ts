import type { InlineConfig, PublicConfig, Quote } from '../protocol/index.ts';
import type { ServerConfig } from './deps.ts';
import { createPriceRules, type Catalog } from './pricing/index.ts';

/** What a browser may know of the server: the publishable key, and where the sandbox's Stripe.js is. */
export function publicConfigOf(config: ServerConfig, sandboxStripeJsUrl: string): PublicConfig {
  return { publishableKey: config.publishableKey, sandbox: config.sandbox, ...(config.sandbox ? { sandboxStripeJsUrl } : {}) };
}

/** The global the served script leaves its server's config in, keyed by the script's origin. */
export const INLINE_CONFIG_GLOBAL = '__linkCheckoutConfig';

/**
 * The widget as this server serves it: the built file with the public config appended, so the
 * element can start loading Stripe.js at once instead of asking /api/config first (one round trip
 * less before the form shows). Appended, not prepended, so the file's source map stays right; the
 * element reads it after the module has run. Keyed by the origin the browser loaded the script
 * from, which the server may not know itself (a proxy, a CDN in front). A copy served from
 * elsewhere has no config, and the element asks /api/config as before.
 */
export function widgetScriptWithConfig(source: string, config: InlineConfig, kind: 'module' | 'classic'): string {
  const origin = kind === 'module' ? 'new URL(import.meta.url).origin' : 'new URL(document.currentScript.src).origin';
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `${source}\n;(globalThis.${INLINE_CONFIG_GLOBAL}??={})[${origin}]=${json};\n`;
}

/**
 * Each catalog item's quote, keyed by the query a tag naming only that item sends
 * (`item=tshirt`, as widget/inputs.ts quoteQuery writes it), for the served script: such a tag
 * then mounts its Elements without waiting for GET /api/quote. The same price rules answer
 * that route, and a catalog is fixed while the server runs, so the two cannot differ.
 */
export async function catalogQuotes(catalog: Catalog): Promise<Record<string, Quote>> {
  const pricing = createPriceRules({ catalog });
  const quotes: Record<string, Quote> = {};
  for (const item of Object.keys(catalog)) quotes[new URLSearchParams({ item }).toString()] = await pricing.quote({ item });
  return quotes;
}
