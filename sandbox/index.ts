/**
 * `link-checkout/sandbox`: the offline Stripe stand-in, for testing an integration with no
 * account and no network. `createStripeEmulator` is the REST API (a Hono app; its
 * `stripeClient()` is the official SDK talking to it in-process); `createSandboxServer` is the
 * checkout server wired to it. The browser's `window.Stripe` stand-in is
 * `link-checkout/sandbox/stripe.js` (a classic script) or `link-checkout/sandbox/stripe-js`.
 */
export { createStripeEmulator, DEMO_LINK_ACCOUNT, type StripeEmulator, type StripeEmulatorOptions, type StateStore, type FaultRule, type LinkAccountInput } from './api/index.ts';
export { directoryStateStore } from './api/state-dir.ts';
export { createSandboxServer, SANDBOX_OPEN_AMOUNTS, SANDBOX_SIGNING_SECRET, type SandboxServer } from './wire.ts';
export { createStandaloneSandbox, standaloneConfig, type StandaloneConfig, type StandaloneSandbox } from './standalone.ts';
