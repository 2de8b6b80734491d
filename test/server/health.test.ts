import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSandboxServer } from '../../sandbox/wire.ts';
import { createPgliteStore } from '../../server/store/pglite.ts';
import { catalog } from './helpers.ts';

test('GET /healthz is 200 while the store answers, and 503 once it does not', async () => {
  const store = await createPgliteStore();
  const sandbox = await createSandboxServer({ catalog, store });
  const ok = await sandbox.app.request('/healthz');
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { status: 'ok', store: 'reachable' });

  await store.close();
  const down = await sandbox.app.request('/healthz');
  assert.equal(down.status, 503);
  assert.deepEqual(await down.json(), { status: 'unavailable', store: 'unreachable' });
});
