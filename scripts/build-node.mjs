// Node entry points as plain JavaScript, so they run without tsx or any dev dependency: the
// `link-checkout` CLI and the server (`node dist/server/main.js`; its sandbox wiring, imported
// on demand, is bundled in). Dependencies stay external (node_modules), only our code is bundled.
import { build } from 'esbuild';

await build({
  entryPoints: { 'cli/main': 'cli/main.ts', 'server/main': 'server/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
