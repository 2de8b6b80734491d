import type { Command } from './args.ts';
import { charge, customersDetach, customersShow, sessionsCreate } from './customers.ts';
import { domainsAdd, domainsList, linksActivate, linksCreate, linksDeactivate, linksList } from './links.ts';
import { cancel, capture, ordersList, ordersShow, refund } from './orders.ts';
import { sandbox, serve } from './servers.ts';
import { sign } from './sign.ts';

/** Every command by the words that name it (`orders list`), in the order `--help` lists them. */
export const COMMANDS: Record<string, Command> = {
  'orders list': ordersList,
  'orders show': ordersShow,
  capture,
  cancel,
  refund,
  charge,
  'customers show': customersShow,
  'customers detach': customersDetach,
  'sessions create': sessionsCreate,
  'links create': linksCreate,
  'links list': linksList,
  'links deactivate': linksDeactivate,
  'links activate': linksActivate,
  'domains add': domainsAdd,
  'domains list': domainsList,
  sign,
  serve,
  sandbox,
};

/** The command `argv` names (one word, or a group and its subcommand), and the arguments after it. */
export function findCommand(argv: string[]): { name: string; command: Command; rest: string[] } | { group: string } | null {
  const [first = '', second = ''] = argv;
  const two = `${first} ${second}`;
  if (Object.hasOwn(COMMANDS, two)) return { name: two, command: COMMANDS[two]!, rest: argv.slice(2) };
  if (Object.hasOwn(COMMANDS, first)) return { name: first, command: COMMANDS[first]!, rest: argv.slice(1) };
  if (Object.keys(COMMANDS).some((name) => name.startsWith(`${first} `))) return { group: first };
  return null;
}
