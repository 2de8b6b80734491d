import type { AdminDomain, AdminPaymentLink } from '../protocol/admin.ts';
import { positionalArgs, required, type Command } from './args.ts';
import { segment } from './client.ts';
import { money, table } from './format.ts';

const linkRow = (link: AdminPaymentLink) => [
  link.id,
  link.active ? 'active' : 'inactive',
  link.name ?? link.item ?? '',
  link.amount !== null && link.currency ? money(link.amount, link.currency) : '',
  link.url,
];
const linksTable = (links: AdminPaymentLink[]) => (links.length ? table(['link', 'state', 'sells', 'price', 'url'], links.map(linkRow)) : 'No Payment Links yet.');

export const linksCreate: Command = {
  summary: 'Create a Payment Link for a catalog item',
  usage: 'link-checkout links create --item ITEM [--json]',
  admin: true,
  options: { item: { type: 'string' } },
  async run({ values, positionals, api }) {
    positionalArgs(positionals);
    const item = required(values, 'item');
    const link = await api().post<AdminPaymentLink>('/payment-links', { item });
    return { json: link, text: `${linksTable([link])}\n\nShare: ${link.url}` };
  },
};

export const linksList: Command = {
  summary: 'List Payment Links',
  usage: 'link-checkout links list [--json]',
  admin: true,
  options: {},
  async run({ positionals, api }) {
    positionalArgs(positionals);
    const links = await api().get<{ data: AdminPaymentLink[] }>('/payment-links');
    return { json: links, text: linksTable(links.data) };
  },
};

/** links deactivate / activate: a deactivated link stops selling; it is never deleted. */
const setActive = (action: 'activate' | 'deactivate', summary: string): Command => ({
  summary,
  usage: `link-checkout links ${action} <plink_…> [--json]`,
  admin: true,
  options: {},
  async run({ positionals, api }) {
    const [linkId] = positionalArgs(positionals, '<plink_…>');
    const link = await api().post<AdminPaymentLink>(`/payment-links/${segment(linkId!)}/${action}`);
    return { json: link, text: linksTable([link]) };
  },
});

export const linksDeactivate = setActive('deactivate', 'Stop a Payment Link from selling');
export const linksActivate = setActive('activate', 'Let a deactivated Payment Link sell again');

const domainsTable = (domains: AdminDomain[]) =>
  domains.length
    ? table(['domain', 'enabled', 'Link', 'why'], domains.map((domain) => [domain.domain, domain.enabled ? 'yes' : 'no', domain.link.status, domain.link.reason ?? '']))
    : 'No payment method domains registered.';

export const domainsAdd: Command = {
  summary: 'Register a domain with Stripe so Link shows on its pages',
  usage: `link-checkout domains add <domain> [--json]

  <domain>  the site's domain, e.g. shop.example.com (a URL is cut down to its domain)`,
  admin: true,
  options: {},
  async run({ positionals, api }) {
    const [domain] = positionalArgs(positionals, '<domain>');
    const added = await api().post<AdminDomain>('/domains', { domain });
    return { json: added, text: domainsTable([added]) };
  },
};

export const domainsList: Command = {
  summary: 'List payment method domains with their Link status',
  usage: 'link-checkout domains list [--json]',
  admin: true,
  options: {},
  async run({ positionals, api }) {
    positionalArgs(positionals);
    const domains = await api().get<{ data: AdminDomain[] }>('/domains');
    return { json: domains, text: domainsTable(domains.data) };
  },
};
