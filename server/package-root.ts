import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package folder (demo/, dist/, pages/, server/catalog.sample.json) of a Node entry point:
 * above server/ or sandbox/ when run from source, above dist/server/ or dist/sandbox/ when built,
 * inside node_modules/link-checkout when installed. Node only.
 */
export function packageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`No package.json above ${from}`);
}
