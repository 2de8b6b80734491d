/**
 * The sandbox's price-rule defaults, so every rule works in the demo with no configuration. The
 * signing secret is public on purpose: sandbox money is not real. Real mode never uses it.
 */
export const SANDBOX_SIGNING_SECRET = 'link-checkout-sandbox-signing-secret-not-for-real-money';
export const SANDBOX_OPEN_AMOUNTS = { usd: { min: 100, max: 100000 }, eur: { min: 100, max: 100000 } };
