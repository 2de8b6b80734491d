import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBudgets, type Results } from './budgets.ts';

const m = (median: number) => ({ median, runs: [median] });
const size = (ours: number, anchor: number) => ({
  ours: { allChunks: { files: [], minified: 0, gzip: ours, brotli: 0 } },
  anchors: {
    a: { files: [], minified: 0, gzip: anchor, brotli: 0, label: 'a', webComponent: true },
    b: { files: [], minified: 0, gzip: 1, brotli: 0, label: 'not a web component', webComponent: false },
  },
});
const ready = (ours: number, hand: number, oursTrips: number, handTrips: number) => ({
  pages: { ours: { readyMs: m(ours), roundTrips: m(oursTrips) }, handWritten: { readyMs: m(hand), roundTrips: m(handTrips) } },
});
const server = (checkout: number, config: number, small: number, large: number) => ({
  checkout: { ours: { rps: m(checkout) }, raw: { rps: m(100) } },
  config: { ours: { rps: m(config) }, raw: { rps: m(100) } },
  scaling: { 1000: { lookup: { p99: m(small) } }, 100000: { lookup: { p99: m(large) } } },
});
const holds = (results: unknown, failed: string[] = []) => checkBudgets(results as Results, failed).map((verdict) => verdict.holds);

test('every budget holds on results within it', () => {
  assert.deepEqual(holds({ size: size(9_000, 9_500), ready: ready(105, 100, 4, 4), server: server(80, 80, 1, 1.5) }), [true, true, true, true, true, true, true]);
});

test('every budget breaks on results just past it', () => {
  assert.deepEqual(holds({ size: size(10_001, 10_001), ready: ready(106, 100, 5, 4), server: server(79, 79, 1, 1.51) }), [false, false, false, false, false, false, false]);
});

test('a section that did not run leaves its budgets unchecked', () => {
  assert.deepEqual(holds({}), [null, null, null, null, null, null, null]);
});

test('a section that failed breaks its budgets', () => {
  assert.deepEqual(holds({}, ['ready']), [null, null, false, false, null, null, null]);
});
