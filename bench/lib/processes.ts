import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, cacheDir } from './paths.ts';

export interface Running {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The bench's server subjects as plain JavaScript, bundled like scripts/build-node.mjs bundles the
 * production server (our code in, packages external), so no TypeScript loader runs in them.
 */
export type SubjectKind = 'ours' | 'raw' | 'stripe';
export type Subjects = Record<SubjectKind, string>;

export async function buildSubjects(): Promise<Subjects> {
  const outdir = cacheDir('subject');
  const kinds: SubjectKind[] = ['ours', 'raw', 'stripe'];
  await build({
    entryPoints: kinds.map((kind) => join(ROOT, `bench/subject/${kind}.ts`)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return Object.fromEntries(kinds.map((kind) => [kind, join(outdir, `${kind}.mjs`)])) as Subjects;
}

/** Starts `node ...args` and resolves once it prints `listening on http://localhost:PORT`. */
export async function startNode(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', BENCH_ROOT: ROOT, BENCH_ANCHORS: cacheDir('anchors'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 60 s: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}: ${output}`)); });
  }).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}
