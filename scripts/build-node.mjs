// Node entry points as plain JavaScript, so they run without tsx or any dev dependency:
// the `link-checkout` CLI. Dependencies stay external (node_modules), only our code is bundled.
import { build } from 'esbuild';

await build({
  entryPoints: { 'cli/main': 'cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
