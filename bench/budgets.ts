/**
 * The budgets `npm run bench -- --check` holds the product to. Each reads the results of one
 * section; a section that did not run leaves its budgets unchecked (and says so).
 */
import type { MemoryResults } from './memory.ts';
import type { ReadyResults } from './ready.ts';
import type { ServerResults } from './server.ts';
import type { SizeResults } from './size.ts';

export interface Results {
  size?: SizeResults;
  ready?: ReadyResults;
  server?: ServerResults;
  memory?: MemoryResults;
}

export interface Verdict {
  budget: string;
  target: string;
  /** null: not measured in this run. */
  holds: boolean | null;
  measured: string;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const times = (value: number) => `${value.toFixed(2)}×`;

interface Budget {
  section: keyof Results;
  budget: string;
  target: string;
  check(results: Results): Omit<Verdict, 'budget' | 'target'> | null;
}

export const BUDGETS: Budget[] = [
  {
    section: 'size',
    budget: 'ESM bundle, every mode and option included (dist entry + all chunks, gzip)',
    target: '≤ 10 kB',
    check: ({ size }) => (size ? { holds: size.ours.allChunks.gzip <= 10_000, measured: kB(size.ours.allChunks.gzip) } : null),
  },
  {
    section: 'size',
    budget: 'ESM bundle against every web-component anchor (gzip)',
    target: 'smaller than each',
    check: ({ size }) => {
      if (!size) return null;
      const anchors = Object.values(size.anchors).filter((anchor) => anchor.webComponent);
      const smallest = anchors.reduce((a, b) => (a.gzip <= b.gzip ? a : b));
      return { holds: anchors.every((anchor) => size.ours.allChunks.gzip < anchor.gzip), measured: `${kB(size.ours.allChunks.gzip)} vs ${kB(smallest.gzip)} (${smallest.label})` };
    },
  },
  {
    section: 'ready',
    budget: 'time to ready, against the hand-written page',
    target: '≤ 1.05×',
    check: ({ ready }) => {
      if (!ready) return null;
      const value = ready.pages.ours.readyMs.median / ready.pages.handWritten.readyMs.median;
      return { holds: value <= 1.05, measured: `${times(value)} (${ready.pages.ours.readyMs.median.toFixed(0)} vs ${ready.pages.handWritten.readyMs.median.toFixed(0)} ms)` };
    },
  },
  {
    section: 'ready',
    budget: "serialized round trips before mount, beyond the hand-written page's",
    target: '0',
    check: ({ ready }) => {
      if (!ready) return null;
      const beyond = ready.pages.ours.roundTrips.median - ready.pages.handWritten.roundTrips.median;
      return { holds: beyond <= 0, measured: `${beyond} (${ready.pages.ours.roundTrips.median} vs ${ready.pages.handWritten.roundTrips.median})` };
    },
  },
  {
    section: 'server',
    budget: 'checkout throughput, against the raw handler',
    target: '≥ 0.8×',
    check: ({ server }) => {
      if (!server) return null;
      const value = server.checkout.ours.rps.median / server.checkout.raw.rps.median;
      return { holds: value >= 0.8, measured: `${times(value)} (${server.checkout.ours.rps.median.toFixed(0)} vs ${server.checkout.raw.rps.median.toFixed(0)} req/s)` };
    },
  },
  {
    section: 'server',
    budget: 'config throughput, against the raw handler',
    target: '≥ 0.8×',
    check: ({ server }) => {
      if (!server) return null;
      const value = server.config.ours.rps.median / server.config.raw.rps.median;
      return { holds: value >= 0.8, measured: `${times(value)} (${server.config.ours.rps.median.toFixed(0)} vs ${server.config.raw.rps.median.toFixed(0)} req/s)` };
    },
  },
  {
    section: 'server',
    budget: 'order lookup p99, 10^5 orders against 10^3',
    target: '≤ 1.5×',
    check: ({ server }) => {
      const small = server?.scaling['1000']?.lookup.p99.median;
      const large = server?.scaling['100000']?.lookup.p99.median;
      if (small === undefined || large === undefined) return null;
      return { holds: large / small <= 1.5, measured: `${times(large / small)} (${large.toFixed(2)} vs ${small.toFixed(2)} ms)` };
    },
  },
];

/** `failed`: sections that threw; their budgets are broken, as nothing shows they hold. */
export function checkBudgets(results: Results, failed: string[] = []): Verdict[] {
  return BUDGETS.map(({ section, budget, target, check }) => {
    const verdict = check(results) ?? (failed.includes(section) ? { holds: false, measured: `the ${section} section failed` } : { holds: null, measured: 'not measured in this run' });
    return { budget, target, ...verdict };
  });
}
