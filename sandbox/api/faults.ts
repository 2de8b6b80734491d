/**
 * Fault injection for reliability tests (sandbox-only; Stripe has no such switch).
 * - '5xx': answer 500 api_error without executing the request.
 * - 'drop': the connection drops before the request arrives: the fetch rejects, nothing executed.
 * - 'timeout': the request executes but the answer is lost: the fetch rejects after it ran.
 * - 'slow': the answer is delayed by `delayMs`.
 * Webhook deliveries use route 'webhooks': 'drop'/'timeout' lose the delivery, '5xx' counts as a
 * failed attempt, 'slow' delays it. All of them are retried like a real failure.
 */

export type FaultKind = '5xx' | 'timeout' | 'drop' | 'slow';

export interface FaultRule {
  /** 'POST /v1/payment_intents/:id/confirm', '/v1/payment_intents' (any method), '*', or 'webhooks'. */
  route: string;
  kind: FaultKind;
  /** Probability per matching request, 0..1 (default 1). */
  rate?: number;
  /** Stop after this many injected faults. */
  times?: number;
  /** For 'slow' (default 200 ms) and 'timeout' (default 0 ms). */
  delayMs?: number;
}

export class FaultError extends Error {
  constructor(kind: FaultKind) {
    super(`sandbox fault injected: ${kind}`);
    this.name = 'FaultError';
  }
}

export class Faults {
  private rules: Array<FaultRule & { used: number }> = [];
  private readonly random: () => number;

  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  set(rule: FaultRule): void {
    this.rules.push({ ...rule, used: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault to inject for this request, if any (consumes one `times`). */
  pick(method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      if (!routeMatches(rule.route, method, path)) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      rule.used++;
      return rule;
    }
    return undefined;
  }
}

function routeMatches(route: string, method: string, path: string): boolean {
  if (route === '*') return path !== 'webhooks';
  if (route === 'webhooks' || path === 'webhooks') return route === path;
  const [m, p] = route.includes(' ') ? route.split(' ', 2) : [undefined, route];
  if (m && m.toUpperCase() !== method.toUpperCase()) return false;
  const want = p.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want[want.length - 1] === '**') {
    if (got.length < want.length - 1) return false;
    want.pop();
    got.length = want.length;
  }
  return want.length === got.length && want.every((seg, i) => seg === '*' || seg.startsWith(':') || seg === got[i]);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
