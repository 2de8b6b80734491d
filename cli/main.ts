/**
 * `npx link-checkout <command>`: signs prices, and (with the admin API) runs the shop. Output is
 * readable text by default and JSON with --json; exit codes: 0 done, 1 refused or failed, 2 usage.
 */
import { CommandError, UsageError, parse, type Command } from './args.ts';
import { sign } from './sign.ts';

const COMMANDS: Record<string, Command> = { sign };

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `Usage: link-checkout <command> [options]   (--help on any command)\n\nCommands:\n${Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join('\n')}`;
}

function print(result: unknown, json: boolean): void {
  if (json) return void console.log(JSON.stringify(result, null, 2));
  if (result && typeof result === 'object' && !Array.isArray(result)) {
    const entries = Object.entries(result as Record<string, unknown>);
    const width = Math.max(...entries.map(([key]) => key.length));
    for (const [key, value] of entries) console.log(`${key.padEnd(width)}  ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  } else {
    console.log(String(result));
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`link-checkout: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      console.log(`${command.summary}\n\nUsage: ${command.usage}`);
      return 0;
    }
    print(await command.run(values, positionals), Boolean(values.json));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`link-checkout ${name}: ${err.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    if (err instanceof CommandError) {
      if (rest.includes('--json')) console.log(JSON.stringify({ error: err.details ?? { message: err.message } }, null, 2));
      console.error(`link-checkout ${name}: ${err.message}`);
      return 1;
    }
    console.error(`link-checkout ${name}: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
