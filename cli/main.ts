/**
 * `npx link-checkout <command>`: signs prices and customers, and runs the shop through the admin
 * API. Output is readable text by default and the API's JSON with --json; EXIT says what the
 * exit codes mean.
 */
import { CONNECTION_HELP, CommandError, EXIT, EXIT_CODES_HELP, UsageError, parse, type Command } from './args.ts';
import { connect, type AdminClient } from './client.ts';
import { COMMANDS, findCommand } from './commands.ts';

function help(prefix = ''): string {
  const names = Object.keys(COMMANDS).filter((name) => name.startsWith(prefix));
  const width = Math.max(...names.map((name) => name.length));
  return `Usage: link-checkout <command> [options]   (--help on any command; --json for scripts)

Commands:
${names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`).join('\n')}

${CONNECTION_HELP}

${EXIT_CODES_HELP}`;
}

const commandHelp = (command: Command) =>
  `${command.summary}\n\nUsage: ${command.usage}${command.admin ? `\n\n${CONNECTION_HELP}` : ''}\n\n${EXIT_CODES_HELP}`;

export async function main(argv: string[]): Promise<number> {
  const [first] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    console.log(help());
    return first ? EXIT.ok : EXIT.usage;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`link-checkout: unknown command "${first}"\n\n${help()}`);
    return EXIT.usage;
  }
  if ('group' in found) {
    const asked = argv[1] === '--help' || argv[1] === '-h';
    (asked ? console.log : console.error)(`${asked ? '' : `link-checkout: "${argv.slice(0, 2).join(' ')}" needs a subcommand\n\n`}${help(`${found.group} `)}`);
    return asked ? EXIT.ok : EXIT.usage;
  }
  const { name, command, rest } = found;
  const json = rest.includes('--json');
  try {
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      console.log(commandHelp(command));
      return EXIT.ok;
    }
    let client: AdminClient | undefined;
    const api = () => (client ??= connect(values));
    const output = await command.run({ values, positionals, api });
    console.log(json ? JSON.stringify(output.json, null, 2) : output.text);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) {
      if (json) console.log(JSON.stringify({ error: { type: 'usage_error', message: err.message } }, null, 2));
      console.error(`link-checkout ${name}: ${err.message}\n\nUsage: ${command.usage}`);
      return EXIT.usage;
    }
    const failure = err instanceof CommandError ? err : new CommandError((err as Error).message);
    if (json) console.log(JSON.stringify(failure.json, null, 2));
    else if (failure.text) console.log(failure.text);
    console.error(`link-checkout ${name}: ${failure.message}`);
    return failure.exitCode;
  }
}

process.exitCode = await main(process.argv.slice(2));
