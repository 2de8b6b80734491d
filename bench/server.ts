/**
 * Server: req/s, p50 and p99 of GET /api/config and POST /api/checkout on the product server
 * (createApp through the sandbox wiring, guards off: no rate limits) next to a raw node:http
 * handler making the same SDK call on the same in-process emulator; checkout again with the store
 * on PostgreSQL (DATABASE_URL) in the same windows; then how checkout and the order lookup
 * (GET /api/orders/:id) hold up with 10^3 and 10^5 orders in the store.
 * autocannon, 10 connections; each checkout has its own ConfirmationToken, made before the window.
 */
import { startBenchPostgres } from './lib/postgres.ts';
import { getJson, startNode, type Running, type Subjects } from './lib/processes.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { measured, type Measured } from './lib/stats.ts';

export interface LoadSummary {
  rps: Measured;
  p50: Measured;
  p99: Measured;
  requests: number;
}

export interface ServerResults {
  connections: 10;
  guards: 'off';
  config: { ours: LoadSummary; raw: LoadSummary };
  /** ours on the embedded store (PGlite, in memory), which the budget is judged on. */
  checkout: { ours: LoadSummary; raw: LoadSummary };
  /** ours with DATABASE_URL, checkout windows taken in turn with the two above; or why not measured. */
  postgres: { server: string; checkout: LoadSummary } | { notMeasured: string };
  /** Diagnostic, no budget: ours with Maps for a store (nothing durable), in the same rotation. */
  withoutStore: { checkout: LoadSummary };
  /** Keyed by the number of orders in the store. */
  scaling: Record<string, { lookup: LoadSummary; checkout: LoadSummary }>;
}

export interface ServerPlan {
  runs: number;
  /** Length of each config and lookup window. */
  seconds: number;
  /** Checkouts per window. */
  checkouts: number;
}

const summary = (results: LoadResult[]): LoadSummary => ({
  rps: measured(results.map((r) => r.rps)),
  p50: measured(results.map((r) => r.p50)),
  p99: measured(results.map((r) => r.p99)),
  requests: results.reduce((total, r) => total + r.requests, 0),
});

let windows = 0;

/** `count` checkouts of the catalog's tshirt, each with a token the subject made just before. */
async function checkouts(server: Running, count: number): Promise<LoadResult> {
  const { ids } = await getJson<{ ids: string[] }>(`${server.origin}/__bench/tokens?count=${count}`, { method: 'POST' });
  const window = ++windows;
  const result = await runLoad(server.origin, {
    method: 'POST',
    path: '/api/checkout',
    amount: count,
    body: (i) => {
      if (i >= ids.length) throw new Error(`checkout ${i} has no token left`);
      return JSON.stringify({ item: 'tshirt', attemptId: `load-${window}-${i}`, confirmationTokenId: ids[i], email: 'jenny@example.com' });
    },
  });
  await getJson(`${server.origin}/__bench/idle`); // the webhooks it caused land before the next window
  return result;
}

const configLoad = (server: Running, seconds: number) => runLoad(server.origin, { method: 'GET', path: '/api/config', seconds });

export async function measureServer(subjects: Subjects, plan: ServerPlan, log: (line: string) => void): Promise<ServerResults> {
  const postgres = await startBenchPostgres();
  if (!postgres.started) log(`  PostgreSQL case not measured: ${postgres.reason}`);
  const servers: Partial<Record<'ours' | 'raw' | 'postgres' | 'withoutStore', Running>> = {};
  const checkout = { ours: [] as LoadResult[], raw: [] as LoadResult[], postgres: [] as LoadResult[], withoutStore: [] as LoadResult[] };
  const config = { ours: [] as LoadResult[], raw: [] as LoadResult[] };
  try {
    servers.ours = await startNode([subjects.ours]);
    servers.raw = await startNode([subjects.raw]);
    if (postgres.started) servers.postgres = await startNode([subjects.ours], { DATABASE_URL: postgres.url });
    servers.withoutStore = await startNode([subjects.ours], { BENCH_STORE: 'map' });
    const kinds = (['ours', 'raw', 'postgres', 'withoutStore'] as const).filter((kind) => servers[kind]);
    for (const kind of kinds) {
      await configLoad(servers[kind]!, 1); // warm-up: JIT, connections
      await checkouts(servers[kind]!, 200);
    }
    for (let run = 0; run < plan.runs; run++) {
      const order = kinds.map((_, i) => kinds[(i + run) % kinds.length]!); // each goes first in turn
      for (const kind of order) if (kind === 'ours' || kind === 'raw') config[kind].push(await configLoad(servers[kind]!, plan.seconds));
      for (const kind of order) checkout[kind].push(await checkouts(servers[kind]!, plan.checkouts));
      const pg = checkout.postgres.at(-1);
      log(`  server run ${run + 1}/${plan.runs}: config ${config.ours.at(-1)!.rps.toFixed(0)} vs ${config.raw.at(-1)!.rps.toFixed(0)} req/s, checkout ${checkout.ours.at(-1)!.rps.toFixed(0)} vs ${checkout.raw.at(-1)!.rps.toFixed(0)} req/s${pg ? `, on PostgreSQL ${pg.rps.toFixed(0)} req/s` : ''}, without a store ${checkout.withoutStore.at(-1)!.rps.toFixed(0)} req/s`);
    }
  } finally {
    for (const server of Object.values(servers)) await server.stop();
    if (postgres.started) await postgres.stop();
  }
  return {
    connections: 10,
    guards: 'off',
    config: { ours: summary(config.ours), raw: summary(config.raw) },
    checkout: { ours: summary(checkout.ours), raw: summary(checkout.raw) },
    postgres: postgres.started ? { server: postgres.server, checkout: summary(checkout.postgres) } : { notMeasured: postgres.reason },
    withoutStore: { checkout: summary(checkout.withoutStore) },
    scaling: await measureScaling(subjects, plan, log),
  };
}

/**
 * A fresh server whose store is set to 10^3, then 10^5 orders (inserted with SQL). Before each
 * window the store is set back to that count, so the checkouts of one window do not pile up.
 */
async function measureScaling(subjects: Subjects, plan: ServerPlan, log: (line: string) => void): Promise<ServerResults['scaling']> {
  const server = await startNode([subjects.ours]);
  const scaling: ServerResults['scaling'] = {};
  try {
    for (const orders of [1_000, 100_000]) {
      const seed = () => getJson<{ count: number; ids: string[] }>(`${server.origin}/__bench/seed?total=${orders}`, { method: 'POST' });
      const { count, ids } = await seed();
      if (count !== orders) throw new Error(`the store holds ${count} orders, not ${orders}`);
      const lookup = (seconds: number) => runLoad(server.origin, { method: 'GET', path: (i) => `/api/orders/${ids[i % ids.length]}`, seconds });
      await lookup(1); // warm-up
      const lookups: LoadResult[] = [];
      const payments: LoadResult[] = [];
      for (let run = 0; run < plan.runs; run++) {
        lookups.push(await lookup(plan.seconds));
        await seed();
        payments.push(await checkouts(server, plan.checkouts));
        await seed();
      }
      scaling[orders] = { lookup: summary(lookups), checkout: summary(payments) };
      log(`  ${orders} orders: lookup p99 ${scaling[orders]!.lookup.p99.median.toFixed(2)} ms, checkout p99 ${scaling[orders]!.checkout.p99.median.toFixed(1)} ms`);
    }
  } finally {
    await server.stop();
  }
  return scaling;
}
