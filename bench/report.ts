/** The bench's tables, as Markdown: readable in a terminal, and pasted as they are into the README. */
import type { Results, Verdict } from './budgets.ts';
import type { Measured } from './lib/stats.ts';

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const times = (value: number) => `${value.toFixed(2)}×`;
const ms = (value: Measured, digits = 0) => value.median.toFixed(digits);

export function sizeTable({ size }: Results): string[] {
  if (!size) return [];
  const { ours, anchors } = size;
  const row = (label: string, s: { minified: number; gzip: number; brotli: number }, ratios: string[]) => [label, kB(s.minified), kB(s.gzip), kB(s.brotli), ...ratios];
  const dash = ['—', '—'];
  return [
    '**Size** (kB = 1,000 bytes; gzip -9, brotli 11; each file compressed on its own and summed). Anchors and the esbuild row: esbuild --bundle --minify, ESM, es2022.',
    '',
    ...table(['build', 'minified', 'gzip', 'brotli', 'dist ESM ÷ anchor (gzip)', 'esbuild ours ÷ anchor (gzip)'], [
      row('ours: dist ESM entry (`link-checkout.js`)', ours.entry, dash),
      row(`ours: entry + chunks an Elements checkout loads (${ours.elementsCheckout.source}: ${ours.elementsCheckout.files.length - 1} chunk${ours.elementsCheckout.files.length === 2 ? '' : 's'})`, ours.elementsCheckout, dash),
      row(`ours: dist ESM, all ${ours.allChunks.files.length} files (every mode and option)`, ours.allChunks, dash),
      row('ours: dist IIFE (`link-checkout.iife.js`)', ours.iife, dash),
      row('ours: `widget/index.ts` through esbuild', ours.esbuild, dash),
      ...Object.values(anchors).map((anchor) => row(anchor.label, anchor, [times(ours.allChunks.gzip / anchor.gzip), times(ours.esbuild.gzip / anchor.gzip)])),
    ]),
  ];
}

export function readyTable({ ready }: Results): string[] {
  if (!ready) return [];
  const base = ready.pages.handWritten;
  return [
    `**Time to ready** in chromium, ${ready.latencyMs} ms latency per request (CDP), cold cache per visit; medians of ${ready.runs} visits each.`,
    '',
    ...table(['page', 'ready (ms)', '÷ hand-written', 'round trips', 'beyond hand-written', 'Pay → success (ms)', '÷ hand-written'],
      Object.values(ready.pages).map((page) => [
        page.label, ms(page.readyMs), times(page.readyMs.median / base.readyMs.median),
        String(page.roundTrips.median), String(page.roundTrips.median - base.roundTrips.median),
        ms(page.payToSuccessMs), times(page.payToSuccessMs.median / base.payToSuccessMs.median),
      ])),
    '',
    'Longest chain of requests before ready (the median visit):',
    '',
    ...Object.values(ready.pages).map((page) => `- ${page.label}: ${page.chain.map((path) => `\`${path}\``).join(' → ')}`),
  ];
}

export function serverTable({ server }: Results): string[] {
  if (!server) return [];
  const load = (label: string, { ours, raw }: (typeof server)['config']) => [
    label, ms(ours.rps), ms(raw.rps), times(ours.rps.median / raw.rps.median), ms(ours.p50, 2), ms(raw.p50, 2), ms(ours.p99, 2), ms(raw.p99, 2),
  ];
  const runs = server.config.ours.rps.runs.length;
  const small = server.scaling['1000'];
  const large = server.scaling['100000'];
  const postgres = server.postgres;
  const onPostgres = postgres && 'checkout' in postgres ? postgres : null;
  return [
    `**Server**: autocannon, ${server.connections} connections, guards off (createApp without \`guards\`: no rate limits); raw = node:http + the same SDK call on the same in-process emulator. Ours on the embedded store (PGlite, in memory), and checkout again with \`DATABASE_URL\` on ${onPostgres ? onPostgres.server : 'PostgreSQL'} (the tests' throwaway cluster). Medians of ${runs} windows.`,
    '',
    ...table(['endpoint', 'ours req/s', 'raw req/s', 'ours ÷ raw', 'ours p50 ms', 'raw p50 ms', 'ours p99 ms', 'raw p99 ms'], [
      load('GET /api/config', server.config),
      load('POST /api/checkout', server.checkout),
      onPostgres
        ? load('POST /api/checkout, store on PostgreSQL', { ours: onPostgres.checkout, raw: server.checkout.raw })
        : ['POST /api/checkout, store on PostgreSQL', `not measured: ${postgres && 'notMeasured' in postgres ? postgres.notMeasured : 'no result'}`, '', '', '', '', '', ''],
      ...(server.withoutStore ? [load('POST /api/checkout, no store (diagnostic: Maps, nothing durable)', { ours: server.withoutStore.checkout, raw: server.checkout.raw })] : []),
    ]),
    '',
    ...(small && large
      ? table(['orders in the store', 'lookup p50 ms', 'lookup p99 ms', 'checkout p50 ms', 'checkout p99 ms'], [
        ['10^3', ms(small.lookup.p50, 2), ms(small.lookup.p99, 2), ms(small.checkout.p50, 1), ms(small.checkout.p99, 1)],
        ['10^5', ms(large.lookup.p50, 2), ms(large.lookup.p99, 2), ms(large.checkout.p50, 1), ms(large.checkout.p99, 1)],
        ['10^5 ÷ 10^3', times(large.lookup.p50.median / small.lookup.p50.median), times(large.lookup.p99.median / small.lookup.p99.median),
          times(large.checkout.p50.median / small.checkout.p50.median), times(large.checkout.p99.median / small.checkout.p99.median)],
      ])
      : []),
  ];
}

export function memoryTable({ memory }: Results): string[] {
  if (!memory) return [];
  const { bare } = memory.cases;
  const runs = bare.idleMiB.runs.length;
  return [
    `**Memory**: RSS in MiB, idle (one request, then ${memory.idleMs / 1000} s) and after ${memory.checkouts.toLocaleString('en')} checkouts (then ${memory.idleMs / 1000} s); medians of ${runs} runs.`,
    '',
    ...table(['server', 'idle', `after ${memory.checkouts.toLocaleString('en')}`, 'idle ÷ bare', 'after ÷ bare'],
      Object.values(memory.cases).map((c) => [
        c.label, ms(c.idleMiB), c.afterMiB ? ms(c.afterMiB) : '—', times(c.idleMiB.median / bare.idleMiB.median),
        c.afterMiB && bare.afterMiB ? times(c.afterMiB.median / bare.afterMiB.median) : '—',
      ])),
  ];
}

export function budgetTable(verdicts: Verdict[]): string[] {
  return [
    '**Budgets** (`npm run bench -- --check`)',
    '',
    ...table(['budget', 'target', 'measured', 'holds'], verdicts.map((v) => [v.budget, v.target, v.measured, v.holds === null ? '—' : v.holds ? 'yes' : '**no**'])),
  ];
}
