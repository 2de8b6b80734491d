import { defineConfig } from 'vite';

/**
 * The widget as a library: an ES module for `<script type="module">` and a one-file IIFE for
 * pages that cannot load modules. Lit is bundled in; Stripe.js never is (it loads from
 * js.stripe.com at run time, as PCI requires).
 */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The IIFE build has no import.meta; the widget falls back to document.currentScript there.
    // Lib mode leaves ES builds unminified by default; site owners serve this file as it is.
    rolldownOptions: {
      checks: { emptyImportMeta: false },
      output: {
        minify: true,
        // /* @__PURE__ */ marks only matter to a bundler, and ours ran already.
        comments: false,
        // Lazy chunks (extras, languages) are served from beside the element under /link-checkout*.
        chunkFileNames: (chunk) => (chunk.name.startsWith('link-checkout') ? '[name]-[hash].js' : 'link-checkout-[name]-[hash].js'),
      },
    },
    lib: {
      entry: 'widget/index.ts',
      name: 'LinkCheckout',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'link-checkout.js' : 'link-checkout.iife.js'),
    },
  },
});
