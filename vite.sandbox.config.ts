import { defineConfig } from 'vite';

/** The window.Stripe stand-in as one classic script, served at /sandbox/stripe.js in sandbox mode only. */
export default defineConfig({
  build: {
    outDir: 'dist/sandbox',
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: 'sandbox/stripe-js/iife.ts',
      name: 'LinkCheckoutStripeStandIn',
      formats: ['iife'],
      fileName: () => 'stripe.js',
    },
  },
});
