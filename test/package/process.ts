// A long-running command of the installed package (`npx link-checkout serve`), in a process
// group of its own: npx leaves its children running when only npx is killed.
import { spawn } from 'node:child_process';

export interface Started { origin: string; output(): string; stop(): Promise<void> }

export async function startCommand(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; listening: RegExp }): Promise<Started> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')}: no start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = options.listening.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)); });
  }).catch((err: Error) => {
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    throw err;
  });
  return {
    origin,
    output: () => output,
    async stop() {
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { return; }
      const killer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The environment of a fresh shell: no Stripe keys, database or loader of this test run. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(STRIPE_|SANDBOX_|LINK_CHECKOUT_)|^(NODE_OPTIONS|DATABASE_URL|DATA_DIR|CATALOG_FILE|ADMIN_TOKEN|PORT|HOST|npm_)/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}
