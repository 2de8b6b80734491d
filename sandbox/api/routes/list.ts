/** Stripe list envelopes with `limit` (1..100, default 10) and `starting_after`. */
export function page<T extends { id: string }>(items: T[], limit: number | undefined, startingAfter: string | undefined, url: string) {
  const n = Math.min(Math.max(limit ?? 10, 1), 100);
  if (startingAfter) items = items.slice(items.findIndex((i) => i.id === startingAfter) + 1);
  return { object: 'list' as const, data: items.slice(0, n), has_more: items.length > n, url };
}
