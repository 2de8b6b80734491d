// `link-checkout` charge, customers, sessions, links and domains against the real server on the
// sandbox; and the connection settings (flags over environment, a refused token).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { cli, cliAgainstServer, closedUrl, jsonOf } from './cli-helpers.ts';

const ADMIN_TOKEN = 'cli-merchant-token-for-tests-0123456789';
const AUTH_REQUIRED = '4000002760003184';
const { running, run, ok } = cliAgainstServer(ADMIN_TOKEN);

/** A customer with a card saved through setup mode (3D Secure completed where the card asks). */
async function savedCustomer(card = '4242424242424242', email = 'saved@example.com'): Promise<string> {
  const { customerId } = await running.shop.checkout({ mode: 'setup', email }, card);
  assert.match(customerId ?? '', /^cus_/);
  return customerId!;
}

describe('link-checkout charge', () => {
  test('charges the saved card: exit 0, the order paid', async () => {
    const customer = await savedCustomer();
    const text = await run('charge', '--customer', customer, '--amount', '1500', '--currency', 'usd', '--description', 'Renewal');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^Charged \\$15\\.00 to ${customer} \\(pm_\\w+\\): order ord_\\w+ is paid\\.$`, 'm'));
    const { order } = await ok('charge', '--customer', customer, '--amount', '700', '--currency', 'usd');
    assert.deepEqual([order.status, order.source, order.amount, order.customerId], ['paid', 'charge_later', 700, customer]);
  });

  test('authentication required: exit 1, the recovery URL to send the customer to', async () => {
    const customer = await savedCustomer(AUTH_REQUIRED);
    const text = await run('charge', '--customer', customer, '--amount', '2000', '--currency', 'usd');
    assert.equal(text.status, 1);
    const url = new RegExp(`^Send the customer to: ${running.server.origin}/pay/(ord_\\w+)$`, 'm').exec(text.stdout);
    assert.ok(url, text.stdout);
    assert.match(text.stderr, /asks the customer to authenticate this charge; nothing was charged yet \(order ord_\w+ is action_required\)/);
    const json = await run('charge', '--customer', customer, '--amount', '2100', '--currency', 'usd', '--json');
    assert.equal(json.status, 1);
    const body = jsonOf(json);
    assert.deepEqual([body.error.code, body.order.status, body.order.lastError.code], ['authentication_required', 'action_required', 'authentication_required']);
    assert.equal(body.order.recoveryUrl, `${running.server.origin}/pay/${body.order.id}`);
  });

  test('a method not saved on the customer, an unknown customer: the server\'s message, exit 1; missing flags: exit 2', async () => {
    const customer = await savedCustomer();
    const notSaved = await run('charge', '--customer', customer, '--amount', '100', '--currency', 'usd', '--payment-method', 'pm_card_visa');
    assert.equal(notSaved.status, 1);
    assert.match(notSaved.stderr, /pm_card_visa is not saved on cus_\w+\. \(payment_method_not_saved, HTTP 400\)/);
    const unknown = await run('charge', '--customer', 'cus_nope', '--amount', '100', '--currency', 'usd', '--json');
    assert.deepEqual([unknown.status, jsonOf(unknown).error.code], [1, 'customer_not_found']);
    for (const args of [['--amount', '100', '--currency', 'usd'], ['--customer', customer, '--currency', 'usd'], ['--customer', customer, '--amount', '100']]) {
      assert.equal((await run('charge', ...args)).status, 2, args.join(' '));
    }
  });

  test('a retry after a lost answer charges once: the same Idempotency-Key', async () => {
    const customer = await savedCustomer();
    // A proxy that lets the first charge reach the server, then cuts the connection before the answer.
    let charges = 0;
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      const answer = await fetch(`${running.server.origin}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      const body = await answer.text();
      if (req.url === '/admin/api/charges' && ++charges === 1) return void res.socket?.destroy();
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const result = await cli(['charge', '--customer', customer, '--amount', '777', '--currency', 'usd', '--json'], { ...running.env, LINK_CHECKOUT_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(charges, 2, 'the answer was lost once, and the CLI asked again');
      const orders = (await ok('orders', 'list', '--customer', customer)).data.filter((order: any) => order.amount === 777);
      assert.deepEqual(orders.map((order: any) => [order.id, order.status]), [[jsonOf(result).order.id, 'paid']], 'one order, charged once');
    } finally {
      proxy.close();
    }
  });
});

describe('link-checkout customers', () => {
  test('show by id and by --email, with the saved methods as a person reads them; detach', async () => {
    const customer = await savedCustomer('4242424242424242', 'customers@example.com');
    const text = await run('customers', 'show', customer);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^email +customers@example\.com$/m);
    assert.match(text.stdout, /^pm_\w+ +card +Visa •••• 4242 \(\d\d\/\d\d\)/m);
    const shown = await ok('customers', 'show', customer);
    assert.deepEqual(Object.keys(shown).sort(), ['defaultPaymentMethod', 'email', 'id', 'name', 'paymentMethods']);
    const found = await ok('customers', 'show', '--email', 'customers@example.com');
    assert.deepEqual(found.data.map((c: any) => c.id), [customer]);
    assert.match((await run('customers', 'show', '--email', 'nobody@example.com')).stdout, /No customer has the email nobody@example\.com/);

    const method = shown.paymentMethods[0].id;
    const detached = await ok('customers', 'detach', customer, method);
    assert.deepEqual(detached.paymentMethods, []);
    const again = await run('customers', 'detach', customer, method, '--json');
    assert.deepEqual([again.status, jsonOf(again).error.code], [1, 'payment_method_not_found']);
  });

  test('unknown ids are the server\'s 404, malformed ones its 400; both an id and --email is a usage error', async () => {
    const unknown = await run('customers', 'show', 'cus_nope');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /There is no customer cus_nope\. \(customer_not_found, HTTP 404\)/);
    const malformed = await run('customers', 'show', 'robert', '--json');
    assert.deepEqual([malformed.status, jsonOf(malformed).error.param], [1, 'customer']);
    assert.equal((await run('customers', 'show', 'cus_x', '--email', 'a@example.com')).status, 2);
    assert.equal((await run('customers', 'detach', 'cus_x')).status, 2);
  });
});

describe('link-checkout sessions, links, domains', () => {
  test('sessions create: hosted gives the URL to send, embedded the page and client secret', async () => {
    const hosted = await run('sessions', 'create', '--mode', 'setup', '--ui', 'hosted', '--email', 'later@example.com');
    assert.equal(hosted.status, 0, hosted.stderr);
    assert.match(hosted.stdout, /^send the customer to +http:\/\/localhost:\d+\/sandbox\/stripe\/_sandbox\/checkout\/cs_\w+$/m);
    const embedded = await ok('sessions', 'create', '--mode', 'payment', '--ui', 'embedded', '--item', 'mug');
    assert.deepEqual(Object.keys(embedded).sort(), ['clientSecret', 'orderId', 'pageUrl', 'sessionId', 'url']);
    assert.equal(embedded.pageUrl, `${running.server.origin}/pay/${embedded.orderId}`);
    const order = await ok('orders', 'show', embedded.orderId);
    assert.deepEqual([order.order.source, order.order.amount], ['checkout_session', 1200]);
    const badUi = await run('sessions', 'create', '--mode', 'setup', '--ui', 'popup', '--json');
    assert.deepEqual([badUi.status, jsonOf(badUi).error.param], [1, 'ui']);
    assert.equal((await run('sessions', 'create', '--mode', 'setup')).status, 2, '--ui is required');
  });

  test('links: create for an item, list, deactivate, activate; unknown ids are a 404', async () => {
    const created = await ok('links', 'create', '--item', 'tshirt');
    assert.deepEqual([created.active, created.item, created.amount, created.currency], [true, 'tshirt', 2500, 'usd']);
    const listed = await run('links', 'list');
    assert.match(listed.stdout, new RegExp(`^${created.id} +active +Link T-shirt +\\$25\\.00 +${created.url}$`, 'm'));
    assert.equal((await ok('links', 'deactivate', created.id)).active, false);
    assert.match((await run('links', 'list')).stdout, new RegExp(`^${created.id} +inactive `, 'm'));
    assert.equal((await ok('links', 'activate', created.id)).active, true);
    const unknown = await run('links', 'deactivate', 'plink_nope', '--json');
    assert.deepEqual([unknown.status, jsonOf(unknown).error.code], [1, 'payment_link_not_found']);
    assert.equal((await run('links', 'create', '--item', 'yacht', '--json')).status, 1);
  });

  // Needs payment method domains on the sandbox (the sandbox-merchant branch); fails here until that merge.
  test('domains: add (a URL is cut to its domain), list with the Link status; a bad domain is a 400', async () => {
    const added = await ok('domains', 'add', 'https://Shop.Example.com/');
    assert.equal(added.domain, 'shop.example.com');
    const listed = await run('domains', 'list');
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^shop\.example\.com +yes +\w+/m);
    const bad = await run('domains', 'add', 'localhost', '--json');
    assert.deepEqual([bad.status, jsonOf(bad).error.param], [1, 'domain']);
  });
});

describe('connection settings against the server', () => {
  test('a wrong token is the server\'s 401 (exit 1); --token and --url win over the environment', async () => {
    const wrong = await cli(['orders', 'list'], { ...running.env, ADMIN_TOKEN: 'wrong' });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /Send the admin token.*\(admin_unauthorized, HTTP 401\)/);
    const flags = await cli(['orders', 'list', '--token', ADMIN_TOKEN, '--json'], { ...running.env, ADMIN_TOKEN: 'wrong' });
    assert.equal(flags.status, 0, flags.stderr);
    assert.ok(Array.isArray(jsonOf(flags).data));
    const url = await cli(['orders', 'list', '--url', await closedUrl()], running.env);
    assert.equal(url.status, 3, 'the flag\'s URL was used');
  });
});
