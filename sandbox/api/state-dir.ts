/**
 * A StateStore in a directory (Node only): `<dir>/state.json`, replaced atomically (written to a
 * temporary file in the same directory, synced, then renamed over the old one), so a crash
 * mid-write leaves the previous state intact. The file holds API keys, webhook secrets and test
 * card numbers: it is created readable by its owner only.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StateStore } from './snapshot.ts';

let writeCount = 0;

export function directoryStateStore(dir: string): StateStore {
  const file = join(dir, 'state.json');
  return {
    location: file,
    load() {
      mkdirSync(dir, { recursive: true });
      try {
        return readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async save(json) {
      const tmp = `${file}.${process.pid}.${++writeCount}.tmp`;
      try {
        const handle = await open(tmp, 'w', 0o600);
        try {
          await handle.writeFile(json, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
  };
}
