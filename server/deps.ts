import type Stripe from 'stripe';
import type { ApiGuards } from './middleware/guards.ts';
import type { PriceRules } from './pricing/index.ts';
import type { Store } from './store/types.ts';

export interface ServerConfig {
  publishableKey: string;
  /** whsec_… of the endpoint; without it the webhook route refuses every event. */
  webhookSecret?: string;
  /** The server talks to the offline sandbox; the widget then loads the Stripe.js stand-in. */
  sandbox: boolean;
}

export interface AppDeps {
  stripe: Stripe;
  store: Store;
  pricing: PriceRules;
  config: ServerConfig;
  /** CORS and rate limits of a deployment (main.ts); without them any origin may call, unlimited. */
  guards?: ApiGuards;
}
