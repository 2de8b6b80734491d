import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage mistake: exit code 2, with the command's help. */
export class UsageError extends Error {}

/** What went wrong doing the command (refused, not found, unreachable): exit code 1. */
export class CommandError extends Error {
  constructor(message: string, readonly details?: unknown) {
    super(message);
  }
}

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<unknown>;
}

/** Node's own parser: strict, so an unknown or misspelt flag is a usage error, not silently ignored. */
export function parse(command: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
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
