// Node entry points and the package's library entries as plain JavaScript, so they run without
// tsx or any dev dependency: the `link-checkout` CLI, the server (`node dist/server/main.js`; its
// sandbox wiring, imported on demand, is bundled in), the standalone sandbox, and the modules
// behind the package's `./server` and `./sandbox` exports. Dependencies stay external
// (node_modules), only our code is bundled. Then the declarations of the public entries.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

for (const chunks of ['dist/server/chunks', 'dist/runtimes/chunks']) rmSync(chunks, { recursive: true, force: true });
const common = { bundle: true, format: 'esm', packages: 'external', logLevel: 'warning' };

await build({
  ...common,
  entryPoints: {
    'cli/main': 'cli/main.ts',
    'server/main': 'server/main.ts',
    'server/index': 'server/index.ts',
    'sandbox/main': 'sandbox/main.ts',
    'sandbox/index': 'sandbox/index.ts',
  },
  outdir: 'dist',
  platform: 'node',
  target: 'node20',
  // Shared code goes to chunks, and what the sources import lazily stays lazy (the PGlite
  // data-folder helper uses node:child_process; `link-checkout/server` itself is runtime-neutral).
  splitting: true,
  chunkNames: 'server/chunks/[name]-[hash]',
});

// The entries of other runtimes (runtimes/), their dependencies left to the user's bundler or
// runtime: `bun node_modules/link-checkout/dist/runtimes/bun.js`, `link-checkout/worker` for wrangler.
await build({
  ...common,
  entryPoints: { 'runtimes/bun': 'runtimes/bun.ts', 'runtimes/deno': 'runtimes/deno.ts', 'runtimes/workerd': 'runtimes/workerd.ts' },
  outdir: 'dist',
  platform: 'node',
  target: 'es2022',
  splitting: true,
  chunkNames: 'runtimes/chunks/[name]-[hash]',
});

// The window.Stripe stand-in as a module (`link-checkout/sandbox/stripe-js`), for test pages
// that bundle their own code; dist/sandbox/stripe.js (vite.sandbox.config.ts) is the classic script.
await build({ ...common, entryPoints: { 'sandbox/stripe-js': 'sandbox/stripe-js/index.ts' }, outdir: 'dist', platform: 'browser', target: 'es2022' });

const typesDir = 'dist/types';
rmSync(typesDir, { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
// The sources import './x.ts' (allowImportingTsExtensions); published declarations say './x.js',
// which every consumer's TypeScript resolves whatever its settings.
const walk = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
for (const file of walk(typesDir)) {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
  if (rewritten !== text) writeFileSync(file, rewritten);
}
