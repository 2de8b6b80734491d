import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDatabase } from '../../server/store/pglite-client.ts';
import type { SqlDatabase } from '../../server/store/sql.ts';

// The store's own PGlite client (prepared statements, one protocol message per run): what
// PGlite's db.query guaranteed must still hold. The store's behaviour is in store.test.ts.
let db: PGlite;
let sql: SqlDatabase;
before(async () => {
  db = new PGlite();
  sql = await pgliteDatabase(db);
  await sql.query('create table items (id text primary key, n integer not null)');
});
after(() => sql.close());

test('parameters go through the type serializers (dates, json) and results through the parsers', async () => {
  const at = new Date('2026-01-02T03:04:05.678Z');
  const { rows } = await sql.query<{ at: Date; doc: { a: number }; n: number }>('select $1::timestamptz as at, $2::jsonb as doc, $3::int + 1 as n', [at, '{"a":1}', 41]);
  assert.deepEqual(rows, [{ at, doc: { a: 1 }, n: 42 }]);
});

test('a failed run leaves its prepared statement and the connection usable', async () => {
  const insert = 'insert into items (id, n) values ($1, $2) returning id';
  assert.deepEqual((await sql.query(insert, ['a', 1])).rows, [{ id: 'a' }]);
  await assert.rejects(sql.query(insert, ['a', 2]), /duplicate key/);
  await assert.rejects(sql.query('select from nowhere where id = $1', ['a']), /does not exist/);
  await assert.rejects(sql.query('select from nowhere where id = $1', ['a']), /does not exist/, 'a statement that did not parse is not kept');
  assert.deepEqual((await sql.query(insert, ['b', 2])).rows, [{ id: 'b' }]);
});

test('a failed transaction rolls back, and a statement outside it never runs inside it', async () => {
  let release!: () => void;
  let inserted!: () => void;
  const paused = new Promise<void>((resolve) => (release = resolve));
  const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
  const transaction = sql.transaction(async (tx) => {
    await tx.query('insert into items (id, n) values ($1, $2)', ['uncommitted', 3]);
    inserted();
    await paused;
    throw new Error('rolled back');
  });
  await insertedOnce;
  const outside = sql.query<{ count: number }>('select count(*)::int as count from items where id = $1', ['uncommitted']);
  release();
  await assert.rejects(transaction, /rolled back/);
  assert.deepEqual((await outside).rows, [{ count: 0 }], 'it waited for the transaction to end');
});
