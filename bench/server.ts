/**
 * Server: req/s, p50 and p99 of GET /api/config and POST /api/checkout on the product server
 * (createApp through the sandbox wiring, guards off: no rate limits) next to a raw node:http
 * handler making the same SDK call on the same in-process emulator; then how checkout and the
 * order lookup (GET /api/orders/:id) hold up with 10^3 and 10^5 orders in the store.
 * autocannon, 10 connections; each checkout has its own ConfirmationToken, made before the window.
 */
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
  checkout: { ours: LoadSummary; raw: LoadSummary };
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

const config = (server: Running, seconds: number) => runLoad(server.origin, { method: 'GET', path: '/api/config', seconds });

export async function measureServer(subjects: Subjects, plan: ServerPlan, log: (line: string) => void): Promise<ServerResults> {
  const ours = await startNode([subjects.ours]);
  const raw = await startNode([subjects.raw]);
  const results = { config: { ours: [] as LoadResult[], raw: [] as LoadResult[] }, checkout: { ours: [] as LoadResult[], raw: [] as LoadResult[] } };
  try {
    for (const server of [ours, raw]) {
      await config(server, 1); // warm-up: JIT, connections
      await checkouts(server, 200);
    }
    for (let run = 0; run < plan.runs; run++) {
      const order = run % 2 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const);
      for (const kind of order) results.config[kind].push(await config(kind === 'ours' ? ours : raw, plan.seconds));
      for (const kind of order) results.checkout[kind].push(await checkouts(kind === 'ours' ? ours : raw, plan.checkouts));
      log(`  server run ${run + 1}/${plan.runs}: config ${results.config.ours.at(-1)!.rps.toFixed(0)} vs ${results.config.raw.at(-1)!.rps.toFixed(0)} req/s, checkout ${results.checkout.ours.at(-1)!.rps.toFixed(0)} vs ${results.checkout.raw.at(-1)!.rps.toFixed(0)} req/s`);
    }
  } finally {
    await ours.stop();
    await raw.stop();
  }
  return {
    connections: 10,
    guards: 'off',
    config: { ours: summary(results.config.ours), raw: summary(results.config.raw) },
    checkout: { ours: summary(results.checkout.ours), raw: summary(results.checkout.raw) },
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
