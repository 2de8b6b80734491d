import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
/** Bench builds (anchors, the server subjects): under node_modules, so nothing new to ignore in git. */
export const CACHE = join(ROOT, 'node_modules/.cache/link-checkout-bench');

export function cacheDir(...parts: string[]): string {
  const dir = join(CACHE, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
