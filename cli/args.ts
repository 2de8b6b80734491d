import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AdminClient } from './client.ts';

/** What scripts can trust; `link-checkout --help` documents it. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The server refused or the action failed: any 4xx or 5xx answer, a decline (402) included. */
  failed: 1,
  /** The command line is wrong: unknown command or flag, a missing or malformed value. */
  usage: 2,
  /** No answer from a Link Checkout server: unreachable, not one, or no URL or token configured. */
  unreachable: 3,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  the server refused or the action failed (any 4xx/5xx answer; a decline is 402)
  2  usage error (unknown command or flag, missing or malformed value)
  3  no answer from a Link Checkout server: unreachable, not one, or no URL/token configured`;

/** A usage mistake: exit code 2, with the command's help. */
export class UsageError extends Error {}

/**
 * What went wrong doing the command. `message` goes to stderr; `json` is what --json prints on
 * stdout (the API's own error body when there is one); `text` is what else a person should read.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly json: unknown = { error: { message } },
    readonly exitCode: number = EXIT.failed,
    readonly text?: string,
  ) {
    super(message);
  }
}

/** What a command prints: `json` with --json, `text` otherwise. */
export interface Output {
  json: unknown;
  text: string;
}

export type Values = Record<string, string | boolean | undefined>;
type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  summary: string;
  usage: string;
  options: Options;
  /** Talks to the admin API: takes --url and --token, and needs the server. */
  admin?: boolean;
  run(input: { values: Values; positionals: string[]; api: () => AdminClient }): Promise<Output>;
}

export const CONNECTION_HELP = `Connection (flags win over the environment):
  --url     the server's base URL          (LINK_CHECKOUT_URL)
  --token   the server's ADMIN_TOKEN       (ADMIN_TOKEN; prefer the variable: flags show in ps)`;

/** Node's own parser: strict, so an unknown or misspelt flag is a usage error, not silently ignored. */
export function parse(command: Command, argv: string[]) {
  const common: Options = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } };
  const connection: Options = command.admin ? { url: { type: 'string' }, token: { type: 'string' } } : {};
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...command.options, ...common, ...connection }, allowPositionals: true, strict: true });
    // No option is `multiple`, so no value is an array.
    return { values: values as Values, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A whole number of minor units, from `--amount 2500`. */
export function minorUnits(value: unknown, flag: string): number {
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${flag} takes a whole number of minor units (2500 is 25.00).`);
  }
  return Number(value);
}

/** Exactly the positional arguments `names` (e.g. `<orderId>`), none empty. */
export function positionalArgs(positionals: string[], ...names: string[]): string[] {
  if (positionals.length !== names.length || positionals.some((value) => !value.trim())) {
    throw new UsageError(`Expected ${names.join(' ') || 'no arguments'}${positionals.length ? `, got: ${positionals.join(' ')}` : ''}.`);
  }
  return positionals.map((value) => value.trim());
}

/** A flag the command cannot do without. */
export function required(values: Values, flag: string): string {
  const value = values[flag];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${flag} is required.`);
  return value.trim();
}

/** The string flags given, as API fields (`--payment-method` → `paymentMethod` is the caller's map). */
export function given(values: Values, flags: Record<string, string>): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [flag, field] of Object.entries(flags)) {
    const value = values[flag];
    if (typeof value === 'string') body[field] = value;
  }
  return body;
}
