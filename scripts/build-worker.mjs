// The Cloudflare Worker bundle of runtimes/workerd.ts (worker/worker.js by default), as wrangler would
// make it: ESM, browser-like conditions (`workerd`: stripe's fetch build, pg's TCP socket over
// cloudflare:sockets), Node built-ins left to the `nodejs_compat` flag.
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

/**
 * Node built-ins stay imports of the runtime's `node:*` modules. An ES module has no `require`,
 * so a CommonJS `require('node:x')` becomes a small module re-exporting them (what wrangler does).
 */
const nodeBuiltins = {
  name: 'node-builtins',
  setup(build) {
    // CommonJS dependencies (pg) name built-ins without the prefix; nodejs_compat serves node:*.
    build.onResolve({ filter: new RegExp(`^(node:)?(${builtinModules.join('|')})$`) }, (args) => {
      const path = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
      return args.kind === 'require-call' ? { path, namespace: 'node-require' } : { path, external: true };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-require' }, (args) => ({ contents: `export * from '${args.path}'; export { default } from '${args.path}';`, resolveDir: '.' }));
  },
};

// node scripts/build-worker.mjs [out] [entry]: the entry may be the built dist/runtimes/workerd.js,
// as a Worker project that installed the package would bundle `link-checkout/worker`.
const [out = 'worker/worker.js', entry = 'runtimes/workerd.ts'] = process.argv.slice(2);
await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  external: ['cloudflare:*'],
  plugins: [nodeBuiltins],
  logLevel: 'warning',
  metafile: true,
}).then((result) => {
  const inputs = Object.keys(result.metafile.inputs);
  if (inputs.some((path) => path.includes('@electric-sql/pglite'))) throw new Error('PGlite was bundled into the Worker');
});
