// The product server in sandbox mode (sandbox/wire.ts) with a state directory: what was paid before
// a restart is still there after it, with the same keys and webhook secret.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCatalog } from '../../server/pricing/index.ts';
import { createSandboxServer } from '../../sandbox/wire.ts';
import { CARDS, browserToken } from './helpers.ts';

const catalog = parseCatalog(JSON.parse(readFileSync(join(import.meta.dirname, '../../server/catalog.sample.json'), 'utf8')));

test('createSandboxServer({stateDir}): a payment made before close() is retrievable after reopening; keys and webhook secret come back', { timeout: 60_000 }, async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'sandbox-wire-'));
  const first = await createSandboxServer({ catalog, stateDir });
  const stripe = first.emulator.stripeClient();
  const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', metadata: { order_id: 'demo-1' }, confirm: true, confirmation_token: await browserToken(first.emulator, CARDS.visa) });
  assert.equal(pi.status, 'succeeded');
  await first.close();

  const second = await createSandboxServer({ catalog, stateDir });
  try {
    assert.equal(second.emulator.secretKey, first.emulator.secretKey);
    assert.equal(second.emulator.publishableKey, first.emulator.publishableKey);
    assert.equal(second.webhookSecret, first.webhookSecret);
    assert.equal(second.emulator.state.webhookEndpoints.size, 1, 'the endpoint was reused, not added again');
    const again = await second.emulator.stripeClient().paymentIntents.retrieve(pi.id);
    assert.equal(again.status, 'succeeded');
    assert.equal(again.metadata.order_id, 'demo-1');
  } finally {
    await second.close();
  }
});
