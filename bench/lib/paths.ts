import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
/**
 * Bench builds (anchors, the server subjects): under node_modules, so nothing new to ignore in git,
 * and the built subjects find their packages. One folder per checkout: git worktrees that share one
 * node_modules would otherwise build over each other's subjects and measure each other's code.
 */
export const CACHE = join(ROOT, 'node_modules/.cache/link-checkout-bench', createHash('sha256').update(realpathSync(ROOT)).digest('hex').slice(0, 12));

export function cacheDir(...parts: string[]): string {
  const dir = join(CACHE, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
