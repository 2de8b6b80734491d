// Idle memory (RSS) of the built server next to a bare node:http server, measured in the same
// run: the median of a few runs each. Not a test; `npm run bench:memory` (builds first).
//   node scripts/memory.mjs [runs=3]
// Each server starts on a free port, answers one request, then sits idle for IDLE_MS before its
// RSS is read from /proc. The embedded store is measured on a new data folder and on one that exists.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 3);
const IDLE_MS = 3_000;
const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('listening on http://localhost:' + this.address().port) })`;

if (!existsSync(join(root, 'dist/server/main.js'))) {
  console.error('Build first: npm run build (npm run bench:memory does).');
  process.exit(1);
}

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function idleRss(args, env, path) {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in 60 s: ${output}`)), 60_000);
      const onData = (chunk) => {
        output += chunk;
        const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
        if (match) { clearTimeout(timer); resolve(match[1]); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return rssMiB(child.pid);
  } finally {
    child.kill('SIGKILL');
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const dataRoot = mkdtempSync(join(tmpdir(), 'link-checkout-memory-'));
const cases = [
  ['bare node:http', () => idleRss(['-e', BARE], {}, '/')],
  ['server, embedded store, new data folder', (i) => idleRss(['dist/server/main.js'], { DATA_DIR: join(dataRoot, `new-${i}`) }, '/api/config')],
  ['server, embedded store, existing data folder', () => idleRss(['dist/server/main.js'], { DATA_DIR: join(dataRoot, 'new-0') }, '/api/config')],
];
try {
  console.log(`idle RSS after one request and ${IDLE_MS / 1000} s, median of ${runs} runs (MiB)`);
  for (const [name, measure] of cases) {
    const values = [];
    for (let i = 0; i < runs; i++) values.push(await measure(i));
    console.log(`${name.padEnd(48)} ${median(values).toFixed(0).padStart(5)}   (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`);
  }
} finally {
  rmSync(dataRoot, { recursive: true, force: true });
}
