#!/usr/bin/env node
// The `link-checkout` command. Runs the built CLI (`npm run build` writes dist/cli/main.js);
// in a source checkout without a build, runs the TypeScript through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../cli/main.ts', import.meta.url).href);
}
