/**
 * `npm run bench` (builds first): size, time to ready, server and memory, each figure beside its
 * anchor measured in the same run. Prints Markdown tables and writes bench/results.json.
 *   npm run bench -- [--quick] [--only size|ready|server|memory[,…]] [--check]
 * --check exits 1 when a budget (budgets.ts) is broken or a section failed. Not part of npm test.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkBudgets, type Results } from './budgets.ts';
import { ROOT } from './lib/paths.ts';
import { buildSubjects } from './lib/processes.ts';
import { measureMemory } from './memory.ts';
import { measureReady } from './ready.ts';
import { budgetTable, memoryTable, readyTable, serverTable, sizeTable } from './report.ts';
import { measureServer } from './server.ts';
import { measureSize } from './size.ts';

const SECTIONS = ['ready', 'size', 'server', 'memory'] as const; // ready first: size uses what it saw load
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' }, check: { type: 'boolean' } } });
const only = values.only?.split(',').map((s) => s.trim()) ?? [...SECTIONS];
const unknown = only.filter((s) => !SECTIONS.includes(s as Section));
if (unknown.length) {
  console.error(`Unknown section ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}.`);
  process.exit(2);
}
const quick = Boolean(values.quick);
const plan = {
  readyRuns: quick ? 3 : 7,
  server: quick ? { runs: 2, seconds: 1, checkouts: 150 } : { runs: 5, seconds: 2, checkouts: 300 },
  memoryRuns: quick ? 1 : 3,
};

const log = (line: string) => console.error(line);
const started = Date.now();
const load = loadavg();
log(`bench${quick ? ' --quick' : ''}: ${only.join(', ')} on ${cpus().length} cores (load average ${load.map((l) => l.toFixed(1)).join(' ')})`);

const subjects = await buildSubjects();
const results: Results = {};
const failures: Record<string, string> = {};
async function section<K extends Section>(name: K, measure: () => Promise<NonNullable<Results[K]>>): Promise<void> {
  if (!only.includes(name)) return;
  const t = Date.now();
  log(`${name}…`);
  try {
    results[name] = await measure();
  } catch (error) {
    failures[name] = (error as Error).stack ?? String(error);
    log(`${name} failed: ${failures[name]}`);
  }
  log(`${name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

await section('ready', () => measureReady(subjects, plan.readyRuns, log));
await section('size', () => measureSize(results.ready?.ownScripts));
await section('server', () => measureServer(subjects, plan.server, log));
await section('memory', () => measureMemory(subjects, plan.memoryRuns, log));

const verdicts = checkBudgets(results, Object.keys(failures));
const seconds = (Date.now() - started) / 1000;
const lines = [sizeTable(results), readyTable(results), serverTable(results), memoryTable(results), budgetTable(verdicts)].filter((t) => t.length);
console.log(lines.map((t) => t.join('\n')).join('\n\n'));
console.log(`\n${quick ? 'quick run' : 'full run'} in ${seconds.toFixed(0)} s`);

writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify({
  date: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  loadAverageAtStart: load,
  quick,
  sections: only,
  seconds,
  plan,
  ...results,
  failures,
  budgets: verdicts,
}, null, 2)}\n`);

if (values.check) {
  const broken = verdicts.filter((v) => v.holds === false);
  for (const v of broken) console.error(`BUDGET BROKEN: ${v.budget}: ${v.measured} (target ${v.target})`);
  process.exit(broken.length || Object.keys(failures).length ? 1 : 0);
}
process.exit(Object.keys(failures).length ? 1 : 0);
