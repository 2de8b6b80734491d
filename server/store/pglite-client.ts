import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlDatabase } from './sql.ts';

const { serialize } = protocol;

/** Past this many distinct statements, new ones run unnamed: SQL built at run time cannot fill memory. */
const MAX_PREPARED = 200;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * The store's SqlDatabase on a PGlite instance, with what node-postgres does on a server and
 * `db.query` does not: a statement with parameters is parsed and planned once (a named prepared
 * statement, as `pg` does for named queries), and each run is one protocol message (Bind, Describe,
 * Execute, Sync) instead of six calls into the WASM. Measured: an order insert 630 → 330 µs, an
 * update 700 → 230 µs. Locking, transactions (BEGIN, COMMIT, ROLLBACK) and file syncs stay PGlite's.
 */
export async function pgliteDatabase(db: PGlite): Promise<SqlDatabase> {
  await db.waitReady; // what db.query checks before each statement
  const prepared = new Map<string, { name: string; paramTypes: number[] }>();

  async function prepare(sql: string) {
    const known = prepared.get(sql);
    if (known || prepared.size >= MAX_PREPARED) return known;
    const name = `link_checkout_${prepared.size + 1}`;
    const described = await db.execProtocolStream(
      concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
    prepared.set(sql, statement);
    return statement;
  }

  /** One statement; the caller holds PGlite's query lock. `syncToFs` as `db.query`: only outside a transaction. */
  async function run<R>(sql: string, params: unknown[], syncToFs: boolean): Promise<{ rows: R[] }> {
    const statement = params.length ? await prepare(sql) : undefined;
    // Values in text form, through PGlite's serializers for the parameter's type (dates, json), as db.query does.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = statement && db.serializers[statement.paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await db.execProtocolStream(
      concat([
        ...(statement ? [] : [serialize.parse({ text: sql })]),
        serialize.bind({ statement: statement?.name ?? '', values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs },
    );
    return parse.parseResults(messages, db.parsers)[0] as unknown as { rows: R[] };
  }

  // Inside db.transaction PGlite holds its transaction lock; each statement still takes the query lock.
  const inTransaction: SqlClient = { query: (sql, params = []) => db._runExclusiveQuery(() => run(sql, params, false)) };
  return {
    // The two locks db.query takes, in its order, so no statement lands inside another's transaction.
    query: (sql, params = []) => db._runExclusiveTransaction(() => db._runExclusiveQuery(() => run(sql, params, true))),
    transaction: (fn) => db.transaction(() => fn(inTransaction)),
    close: () => db.close(),
  };
}
