import type Stripe from 'stripe';
import type { ApiGuards } from './middleware/guards.ts';
import type { PriceRules } from './pricing/index.ts';
import type { Reconciler } from './reconciler.ts';
import type { Store } from './store/types.ts';

export interface ServerConfig {
  publishableKey: string;
  /** whsec_… of the endpoint; without it the webhook route refuses every event. */
  webhookSecret?: string;
  /** The server talks to the offline sandbox; the widget then loads the Stripe.js stand-in. */
  sandbox: boolean;
  /** Bearer token of /admin/api/*; without it the admin API is off. */
  adminToken?: string;
  /**
   * The address browsers use (PUBLIC_URL), for links the server hands out: recovery pages and
   * Checkout return URLs. Without it, the origin of the request that asks.
   */
  publicUrl?: string;
}

export interface AppDeps {
  stripe: Stripe;
  store: Store;
  pricing: PriceRules;
  config: ServerConfig;
  /** CORS and rate limits of a deployment (main.ts); without them any origin may call, unlimited. */
  guards?: ApiGuards;
  /** Asks Stripe about orders whose webhook has not come; made from stripe and store when not given. */
  reconciler?: Reconciler;
}
