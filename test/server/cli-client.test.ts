// The CLI's contract with scripts, against fake servers: exit codes, --json errors, retries with one
// Idempotency-Key, and help that documents every flag.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { COMMANDS } from '../../cli/commands.ts';
import { money, table } from '../../cli/format.ts';
import { cli, closedUrl, jsonOf } from './cli-helpers.ts';

/** A server answering with `answer` for each request, the requests recorded. */
async function fakeServer(answer: (req: IncomingMessage, res: ServerResponse, count: number) => void) {
  const requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    answer(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const ORDER = { id: 'ord_fake', status: 'paid', amount: 1500, currency: 'usd', customerId: 'cus_fake', paymentMethodId: 'pm_fake' };

describe('exit codes and --json errors', () => {
  test('not configured: exit 3, saying what to set', async () => {
    const noUrl = await cli(['orders', 'list', '--json'], { ADMIN_TOKEN: 't' });
    assert.equal(noUrl.status, 3);
    assert.equal(jsonOf(noUrl).error.code, 'not_configured');
    assert.match(noUrl.stderr, /Set LINK_CHECKOUT_URL/);
    const noToken = await cli(['orders', 'list'], { LINK_CHECKOUT_URL: 'http://127.0.0.1:8787' });
    assert.equal(noToken.status, 3);
    assert.match(noToken.stderr, /Set ADMIN_TOKEN/);
    assert.equal((await cli(['orders', 'list', '--url', 'ftp://shop.example', '--token', 't'])).status, 3);
  });

  test('unreachable: exit 3 after retrying, one plain line, no stack trace', async () => {
    const started = Date.now();
    const url = await closedUrl();
    const run = await cli(['capture', 'ord_x', '--json'], { LINK_CHECKOUT_URL: url, ADMIN_TOKEN: 't' });
    assert.equal(run.status, 3);
    assert.equal(jsonOf(run).error.code, 'server_unreachable');
    assert.equal(run.stderr, `link-checkout capture: Could not reach ${url} (ECONNREFUSED). Is the server running, and LINK_CHECKOUT_URL right?\n`);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.ok(Date.now() - started > 1500, 'it waited between tries');
  });

  test('not a Link Checkout server (HTML, not JSON): exit 3', async () => {
    const fake = await fakeServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome</h1>'));
    const run = await cli(['orders', 'list'], { LINK_CHECKOUT_URL: fake.url, ADMIN_TOKEN: 't' });
    await fake.close();
    assert.equal(run.status, 3);
    assert.match(run.stderr, /answered HTTP 200 with no Link Checkout JSON/);
  });

  test('a 4xx is exit 1 at once (no retry), printing the API\'s body as is', async () => {
    const error = { error: { type: 'invalid_request_error', code: 'order_not_capturable', message: 'Order ord_x is paid; only an authorized payment can be captured.' } };
    const fake = await fakeServer((_req, res) => json(res, 409, error));
    const run = await cli(['capture', 'ord_x', '--json'], { LINK_CHECKOUT_URL: fake.url, ADMIN_TOKEN: 't' });
    await fake.close();
    assert.equal(run.status, 1);
    assert.deepEqual(jsonOf(run), error);
    assert.equal(fake.requests.length, 1);
  });

  test('usage errors: exit 2 with the usage, and {error} with --json', async () => {
    for (const args of [['orders', 'list', '--stauts', 'paid'], ['orders', 'show'], ['orders', 'list', 'extra'], ['links', 'create'], ['orders'], ['nonsense']]) {
      const run = await cli(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /Usage: link-checkout/);
    }
    const run = await cli(['orders', 'show', '--json']);
    assert.deepEqual([run.status, jsonOf(run).error.type], [2, 'usage_error']);
  });
});

describe('retries', () => {
  test('a 5xx is retried with the same Idempotency-Key, a new key for the next invocation', async () => {
    const fake = await fakeServer((_req, res, count) => (count % 3 ? json(res, 503, { error: { type: 'api_error', code: 'unavailable', message: 'busy' } }) : json(res, 200, { order: ORDER })));
    const environment = { LINK_CHECKOUT_URL: `${fake.url}/shop`, ADMIN_TOKEN: 'secret-token' };
    const first = await cli(['charge', '--customer', 'cus_fake', '--amount', '1500', '--currency', 'usd', '--json'], environment);
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(jsonOf(first), { order: ORDER });
    const second = await cli(['charge', '--customer', 'cus_fake', '--amount', '1500', '--currency', 'usd'], environment);
    await fake.close();
    assert.equal(second.status, 0, second.stderr);
    assert.equal(fake.requests.length, 6);
    const keys = fake.requests.map((request) => request.headers['idempotency-key']);
    assert.match(keys[0] as string, /^cli-[0-9a-f-]{36}$/);
    assert.deepEqual(keys, [keys[0], keys[0], keys[0], keys[3], keys[3], keys[3]]);
    assert.notEqual(keys[0], keys[3]);
    for (const request of fake.requests) {
      assert.deepEqual([request.method, request.url, request.headers.authorization], ['POST', '/shop/admin/api/charges', 'Bearer secret-token']);
      assert.deepEqual(JSON.parse(request.body), { customer: 'cus_fake', amount: 1500, currency: 'usd' });
    }
  });

  test('a 5xx that lasts: exit 1 with the server\'s message after four tries; GETs carry no key', async () => {
    const fake = await fakeServer((_req, res) => json(res, 500, { error: { type: 'api_error', code: 'internal_error', message: 'Something went wrong on our side.' } }));
    const run = await cli(['orders', 'list', '--status', 'paid'], { LINK_CHECKOUT_URL: fake.url, ADMIN_TOKEN: 't' });
    await fake.close();
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Something went wrong on our side\. \(internal_error, HTTP 500\)/);
    assert.equal(fake.requests.length, 4);
    assert.equal(fake.requests[0]!.url, '/admin/api/orders?status=paid');
    assert.equal(fake.requests[0]!.headers['idempotency-key'], undefined);
  });
});

describe('help', () => {
  test('every command\'s --help exits 0, documents each of its flags and the exit codes', async () => {
    for (const [name, command] of Object.entries(COMMANDS)) {
      for (const flag of Object.keys(command.options)) assert.match(command.usage, new RegExp(`--${flag}\\b`), `${name} documents --${flag}`);
      const run = await cli([...name.split(' '), '--help']);
      assert.equal(run.status, 0, name);
      assert.match(run.stdout, /Exit codes:\n {2}0 {2}done\n {2}1 .*\n {2}2 .*\n {2}3 /);
      if (command.admin) assert.match(run.stdout, /LINK_CHECKOUT_URL[\s\S]*ADMIN_TOKEN/, name);
    }
    const top = await cli(['--help']);
    assert.equal(top.status, 0);
    for (const name of Object.keys(COMMANDS)) assert.match(top.stdout, new RegExp(`^ {2}${name} +\\S`, 'm'));
    const group = await cli(['links', '--help']);
    assert.equal(group.status, 0);
    assert.match(group.stdout, /links deactivate/);
    assert.doesNotMatch(group.stdout, /orders list/);
  });
});

describe('text output', () => {
  test('money in each currency\'s minor units; tables aligned', () => {
    assert.equal(money(2500, 'usd'), '$25.00');
    assert.equal(money(500, 'eur'), '€5.00');
    assert.equal(money(500, 'JPY'), '¥500');
    assert.equal(money(1234, 'kwd'), 'KWD\u00a01.234');
    assert.equal(table(['id', 'status'], [['ord_1', 'paid'], ['ord_12345', 'refunded']]), 'id         status\nord_1      paid\nord_12345  refunded');
  });
});
