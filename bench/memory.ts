/**
 * Memory: resident set size (RSS, from /proc) of the production server, idle and after 1,000
 * checkouts, next to a bare node:http server and the raw handler (node:http and the SDK). The
 * checkouts run in real mode (`node dist/server/main.js` with test keys and STRIPE_API_URL, rate
 * limits off), against the emulator in a process of its own, so no Stripe stand-in is counted in
 * the server's memory; the raw handler talks to such an emulator too. Idle is also measured in
 * sandbox mode, as `npm start` runs. Idle: after one request and IDLE_MS of quiet; after: once
 * the checkouts are answered and their webhooks delivered, the same quiet again. No forced GC.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_KEYS, BENCH_WEBHOOK_SECRET } from './subject/keys.ts';
import { DIST } from './lib/paths.ts';
import { runLoad } from './lib/load.ts';
import { getJson, rssMiB, startNode, type Running, type Subjects } from './lib/processes.ts';
import { measured, sleep, type Measured } from './lib/stats.ts';

export const IDLE_MS = 3_000;
export const CHECKOUTS = 1_000;
const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('listening on http://localhost:' + this.address().port) })`;

export interface MemoryCase {
  label: string;
  idleMiB: Measured;
  /** null where checkouts are not run (see the case's label). */
  afterMiB: Measured | null;
}

export type MemoryCaseId = 'bare' | 'raw' | 'ours' | 'oursSandbox';
export interface MemoryResults {
  checkouts: number;
  idleMs: number;
  cases: Record<MemoryCaseId, MemoryCase>;
}

interface Case {
  label: string;
  /** Starts the server; `stripe` is the emulator it pays through, when it takes payments. */
  start(stripe: Running | null): Promise<Running>;
  /**
   * After idle: 1,000 checkouts (through an emulator in a process of its own), 1,000 requests with
   * the same bodies and no work behind them (the bare server answers anything with 'ok'), or nothing.
   */
  load: 'checkouts' | 'requests' | null;
}

async function measureOnce(subjects: Subjects, measuredCase: Case, run: number): Promise<{ idle: number; after: number | null }> {
  const stripe = measuredCase.load === 'checkouts' ? await startNode([subjects.stripe]) : null;
  const server = await measuredCase.start(stripe).catch(async (error) => {
    await stripe?.stop();
    throw error;
  });
  try {
    await (await fetch(`${server.origin}/api/config`)).text();
    await sleep(IDLE_MS);
    const idle = rssMiB(server.pid);
    if (!measuredCase.load) return { idle, after: null };
    const ids = stripe ? (await getJson<{ ids: string[] }>(`${stripe.origin}/__bench/tokens?count=${CHECKOUTS}`, { method: 'POST' })).ids : [];
    await runLoad(server.origin, {
      method: 'POST',
      path: '/api/checkout',
      amount: CHECKOUTS,
      body: (i) => JSON.stringify({ item: 'tshirt', attemptId: `memory-${run}-${i}`, confirmationTokenId: ids[i] ?? `ctoken_${i}`, email: 'jenny@example.com' }),
    });
    if (stripe) await getJson(`${stripe.origin}/__bench/idle`);
    await sleep(IDLE_MS);
    return { idle, after: rssMiB(server.pid) };
  } finally {
    await server.stop();
    await stripe?.stop();
  }
}

export async function measureMemory(subjects: Subjects, runs: number, log: (line: string) => void): Promise<MemoryResults> {
  const main = join(DIST, 'server/main.js');
  if (!existsSync(main)) throw new Error('dist/server/main.js is missing: run `npm run build` first (npm run bench does).');
  const dataRoot = mkdtempSync(join(tmpdir(), 'link-checkout-bench-memory-'));
  let folders = 0;
  const newDataDir = () => join(dataRoot, `${++folders}/pglite`);
  const cases: Record<MemoryCaseId, Case> = {
    bare: { label: 'bare node:http', start: () => startNode(['-e', BARE]), load: 'requests' },
    raw: { label: 'raw handler (node:http + SDK)', start: (stripe) => startNode([subjects.raw], { STRIPE_API_URL: stripe!.origin }), load: 'checkouts' },
    ours: {
      label: 'server, real mode, new data folder',
      async start(stripe) {
        const server = await startNode([main], {
          DATA_DIR: newDataDir(), STRIPE_SECRET_KEY: BENCH_KEYS.secretKey, STRIPE_PUBLISHABLE_KEY: BENCH_KEYS.publishableKey,
          STRIPE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET, STRIPE_API_URL: stripe!.origin, RATE_LIMIT_WRITES: 'off', RATE_LIMIT_DECLINES: 'off',
        });
        await getJson(`${stripe!.origin}/__bench/webhook?url=${encodeURIComponent(`${server.origin}/api/webhook`)}`, { method: 'POST' });
        return server;
      },
      load: 'checkouts',
    },
    // Sandbox mode saves the emulator's whole state before each answer (durable), so 1,000
    // checkouts there measure the sandbox's disk writes, not the server: idle only.
    oursSandbox: { label: 'server, sandbox mode (npm start), new data folder, idle only', start: () => startNode([main], { DATA_DIR: newDataDir() }), load: null },
  };
  const ids = Object.keys(cases) as MemoryCaseId[];
  const samples = Object.fromEntries(ids.map((id) => [id, [] as Array<{ idle: number; after: number | null }>])) as Record<MemoryCaseId, Array<{ idle: number; after: number | null }>>;
  try {
    for (let run = 0; run < runs; run++) {
      for (const id of ids) samples[id].push(await measureOnce(subjects, cases[id], run));
      log(`  memory run ${run + 1}/${runs}: ${ids.map((id) => { const s = samples[id].at(-1)!; return `${id} ${s.idle.toFixed(0)}${s.after === null ? '' : `→${s.after.toFixed(0)}`} MiB`; }).join(', ')}`);
    }
  } finally {
    rmSync(dataRoot, { recursive: true, force: true });
  }
  const summary = (id: MemoryCaseId): MemoryCase => ({
    label: cases[id].label,
    idleMiB: measured(samples[id].map((s) => s.idle)),
    afterMiB: samples[id][0]!.after === null ? null : measured(samples[id].map((s) => s.after!)),
  });
  return { checkouts: CHECKOUTS, idleMs: IDLE_MS, cases: Object.fromEntries(ids.map((id) => [id, summary(id)])) as Record<MemoryCaseId, MemoryCase> };
}
