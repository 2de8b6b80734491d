/**
 * `link-checkout/server`: the checkout API as a Hono app built from injected parts, for mounting
 * inside an existing app (Hono, Express, Next.js, a Worker). Runtime-neutral: nothing here starts
 * a server or reads the environment; `server/main.ts` is the Node entry that does.
 */
export { createApp, handleNotFound, describeUnexpectedError, type AppDeps, type ServerConfig } from './app.ts';
export { createPgliteStore } from './store/pglite.ts';
export { createPostgresStore } from './store/postgres.ts';
export { createSqlStore, type SqlClient, type SqlDatabase } from './store/sql.ts';
export type { Store, Order, OrderStatus } from './store/types.ts';
export {
  createPriceRules, parseCatalog, signPrice, signCustomer, checkSigningSecret, parseOpenAmounts,
  type Catalog, type CatalogEntry, type PriceRules, type PricingOptions, type OpenAmounts, type SignedPrice,
} from './pricing/index.ts';
export { createApiGuards, OPEN_GUARDS, type ApiGuards, type GuardSettings } from './middleware/guards.ts';
export { pageSecurityHeaders, type PageSecurityOptions } from './middleware/security-headers.ts';
export { createReconciler, type Reconciler } from './reconciler.ts';
export { resolveStripeMode, resolvePricing, resolveGuardSettings, checkDatabaseUrl, type StripeMode } from './env.ts';
export { ApiError } from './errors.ts';
