import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalParams, decodeForm } from '../../sandbox/api/form.ts';

test('decodes nested brackets, indexed and appended arrays', () => {
  const out = decodeForm(
    'amount=100&expand[0]=latest_charge&expand[1]=customer&metadata[a]=b&shipping[address][line1]=1%20Main&tags[]=x&tags[]=y&items[0][price]=p1&items[1][price]=p2',
  );
  assert.deepEqual(out, {
    amount: '100',
    expand: ['latest_charge', 'customer'],
    metadata: { a: 'b' },
    shipping: { address: { line1: '1 Main' } },
    tags: ['x', 'y'],
    items: [{ price: 'p1' }, { price: 'p2' }],
  });
});

test('keeps scalars as wire strings and empty values as empty strings', () => {
  assert.deepEqual(decodeForm('confirm=true&metadata[k]=&description='), { confirm: 'true', metadata: { k: '' }, description: '' });
});

test('decodes percent-encoded bracket keys as URLSearchParams sends them', () => {
  assert.deepEqual(decodeForm('metadata%5Border_id%5D=42'), { metadata: { order_id: '42' } });
});

test('orders indexes numerically and ignores malformed keys', () => {
  assert.deepEqual(decodeForm('a[10]=k&a[2]=c&[x]=1&b[c=2'), { a: ['c', 'k'] });
});

test('canonical params ignore pair order', () => {
  assert.equal(canonicalParams('b=2&a=1'), canonicalParams('a=1&b=2'));
  assert.notEqual(canonicalParams('a=1'), canonicalParams('a=2'));
});

test('__proto__ and constructor keys stay plain data and reach no prototype', () => {
  const out = decodeForm('__proto__[x]=1&constructor[prototype][y]=2&metadata[__proto__]=3');
  assert.equal(({} as Record<string, unknown>).x, undefined);
  assert.equal(({} as Record<string, unknown>).y, undefined);
  assert.ok(Object.hasOwn(out, '__proto__'));
  assert.deepEqual(Object.keys(out), ['__proto__', 'constructor', 'metadata']);
  assert.equal((out.metadata as Record<string, string>)['__proto__'], '3');
});
