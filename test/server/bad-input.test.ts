import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SandboxServer } from '../../sandbox/wire.ts';
import { CARDS, attemptId, confirmationToken, newSandbox } from './helpers.ts';

let sandbox: SandboxServer;
before(async () => { sandbox = await newSandbox(); });
after(() => sandbox.close());

async function expectClientError(response: Response, code?: string) {
  assert.ok(response.status >= 400 && response.status < 500, `expected 4xx, got ${response.status}`);
  const body = await response.json();
  assert.equal(typeof body.error.type, 'string');
  assert.equal(typeof body.error.code, 'string');
  assert.equal(typeof body.error.message, 'string');
  assert.doesNotMatch(JSON.stringify(body), /at .+\.ts:\d+/, 'no stack trace leaks');
  if (code) assert.equal(body.error.code, code);
}

const post = (path: string, body: BodyInit, contentType = 'application/json') =>
  sandbox.app.request(path, { method: 'POST', headers: { 'Content-Type': contentType }, body });

describe('malformed and hostile input gets a 4xx JSON error, never a 5xx', () => {
  test('checkout: body that is not JSON', async () => expectClientError(await post('/api/checkout', '{"attemptId":'), 'invalid_json'));
  test('checkout: JSON that is not an object', async () => expectClientError(await post('/api/checkout', '[1,2]'), 'invalid_json'));
  test('checkout: JSON null', async () => expectClientError(await post('/api/checkout', 'null'), 'invalid_json'));
  test('checkout: form-encoded instead of JSON', async () =>
    expectClientError(await post('/api/checkout', 'item=tshirt', 'application/x-www-form-urlencoded'), 'unsupported_content_type'));
  test('checkout: missing attempt id', async () =>
    expectClientError(await post('/api/checkout', JSON.stringify({ confirmationTokenId: 'ctoken_1', item: 'tshirt' })), 'invalid_attempt_id'));
  test('checkout: attempt id of the wrong type', async () =>
    expectClientError(await post('/api/checkout', JSON.stringify({ attemptId: { $gt: '' }, confirmationTokenId: 'ctoken_1', item: 'tshirt' })), 'invalid_attempt_id'));
  test('checkout: a token that is not a ConfirmationToken id', async () =>
    expectClientError(await post('/api/checkout', JSON.stringify({ attemptId: attemptId(), confirmationTokenId: 'pm_card_visa', item: 'tshirt' })), 'invalid_confirmation_token'));
  test('checkout: an item name that is a prototype key', async () =>
    expectClientError(await post('/api/checkout', JSON.stringify({ attemptId: attemptId(), confirmationTokenId: 'ctoken_abc', item: '__proto__' })), 'unknown_item'));
  test('checkout: a ConfirmationToken that does not exist', async () => {
    const response = await post('/api/checkout', JSON.stringify({ attemptId: attemptId(), confirmationTokenId: 'ctoken_doesnotexist', item: 'tshirt' }));
    await expectClientError(response);
  });
  test('checkout: a malformed optional email does not abort the payment; no receipt is asked for', async () => {
    for (const email of ['not an email', 'a@b', 'jenny@example.com\n', 42]) {
      const token = await confirmationToken(sandbox, CARDS.success);
      const response = await post('/api/checkout', JSON.stringify({ attemptId: attemptId(), confirmationTokenId: token, item: 'tshirt', email }));
      assert.equal(response.status, 200, `email ${JSON.stringify(email)}`);
      const intent = await sandbox.emulator.stripeClient().paymentIntents.retrieve((await response.json()).paymentIntentId);
      assert.equal(intent.receipt_email, null);
    }
  });
  test('checkout: a body over the size limit', async () =>
    expectClientError(await post('/api/checkout', JSON.stringify({ padding: 'x'.repeat(64 * 1024) })), 'body_too_large'));
  test('quote: no item', async () => expectClientError(await sandbox.app.request('/api/quote'), 'parameter_missing'));
  test('order: unknown id', async () => expectClientError(await sandbox.app.request('/api/orders/ord_nope'), 'order_not_found'));
  test('unknown API route', async () => expectClientError(await sandbox.app.request('/api/refund-everything', { method: 'POST' }), 'route_not_found'));
  test('webhook: garbage body without a signature', async () =>
    expectClientError(await post('/api/webhook', '\u0000\u0001garbage'), 'signature_missing'));
});
