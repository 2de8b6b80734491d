import type { PublicConfig } from '../protocol/index.ts';
import type { ServerConfig } from './deps.ts';

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
export function widgetScriptWithConfig(source: string, config: PublicConfig, kind: 'module' | 'classic'): string {
  const origin = kind === 'module' ? 'new URL(import.meta.url).origin' : 'new URL(document.currentScript.src).origin';
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `${source}\n;(globalThis.${INLINE_CONFIG_GLOBAL}??={})[${origin}]=${json};\n`;
}
