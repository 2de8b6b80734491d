/**
 * Webhook endpoints and signed, queued deliveries. Signature scheme per
 * https://docs.stripe.com/webhooks#verify-manually: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256
 * of "<t>.<payload>" keyed by the whsec_ secret>`. Failed deliveries (non-2xx or a thrown fetch)
 * are retried with exponential backoff; Stripe spreads retries over days, the sandbox over ms.
 */
import { matchesType } from './events.ts';
import { type Faults, sleep } from './faults.ts';
import type { EmittedEvent, WebhookEndpointRecord } from './state.ts';

export type WebhookEndpoint = WebhookEndpointRecord;

export interface DeliveryAttempt {
  endpointId: string;
  eventId: string;
  attempt: number;
  status: number | 'error' | 'dropped';
}

/** One-shot instruction for the next matching delivery (sandbox-only test control). */
export interface DeliveryControl {
  /** Send the delivery twice (same event id, separately signed), as Stripe may. */
  duplicate?: true;
  /** Wait this long before the first attempt. */
  delayMs?: number;
  /** Never send it (no attempt, no retry): the event stays in the log with pending_webhooks > 0. */
  drop?: true;
}

export interface DeliveryMatch {
  /** Event type or pattern (`payment_intent.*`); any event when omitted. */
  type?: string;
  /** Only deliveries to this endpoint (`we_…`). */
  endpointId?: string;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
}

const encoder = new TextEncoder();

export async function signPayload(payload: string, secret: string, timestamp: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${payload}`)));
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}

export class Webhooks {
  readonly attempts: DeliveryAttempt[] = [];
  private pending = 0;
  private controls: Array<{ control: DeliveryControl; match: DeliveryMatch }> = [];
  private waiters: Array<() => void> = [];

  constructor(
    /** The State's endpoints (possibly restored from a snapshot). */
    readonly endpoints: Map<string, WebhookEndpoint>,
    private readonly deliver: (req: Request) => Promise<Response>,
    /** Wall clock (ms) for the signature's `t`: receivers check it against their own clock. */
    private readonly now: () => number,
    private readonly faults: Faults,
    private readonly retry: RetryPolicy,
    /** Called whenever a delivery settles (an event's pending_webhooks may have changed). */
    private readonly onSettled: () => void = () => {},
  ) {}

  /** The next delivery matching `match` is duplicated, delayed and/or dropped. Rules apply in order, once each. */
  next(control: DeliveryControl, match: DeliveryMatch = {}): void {
    this.controls.push({ control, match });
  }

  clearControls(): void {
    this.controls = [];
  }

  private takeControl(endpoint: WebhookEndpoint, event: EmittedEvent): DeliveryControl | undefined {
    const i = this.controls.findIndex(
      ({ match }) => (!match.type || matchesType(match.type, event.type)) && (!match.endpointId || match.endpointId === endpoint.id),
    );
    return i === -1 ? undefined : this.controls.splice(i, 1)[0].control;
  }

  /** Queues the event for every subscribed endpoint; returns how many deliveries are pending. */
  dispatch(event: EmittedEvent): number {
    const targets = [...this.endpoints.values()].filter((e) => e.status === 'enabled' && e.enabledEvents.some((p) => matchesType(p, event.type)));
    event.pending_webhooks = targets.length;
    for (const endpoint of targets) {
      const control = this.takeControl(endpoint, event);
      if (control?.drop) {
        this.attempts.push({ endpointId: endpoint.id, eventId: event.id, attempt: 0, status: 'dropped' });
        continue;
      }
      const copies = control?.duplicate ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) {
        this.pending++;
        // After the API call that caused it has answered, as Stripe delivers.
        setTimeout(() => void this.run(endpoint, event, copy === 0), (control?.delayMs ?? 0) + copy);
      }
    }
    return targets.length;
  }

  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async run(endpoint: WebhookEndpoint, event: EmittedEvent, counts = true): Promise<void> {
    try {
      for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
        if (attempt > 1) await sleep(this.retry.baseDelayMs * 2 ** (attempt - 2));
        const status = await this.attempt(endpoint, event);
        this.attempts.push({ endpointId: endpoint.id, eventId: event.id, attempt, status });
        if (typeof status === 'number' && status >= 200 && status < 300) {
          if (counts) event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
          return;
        }
      }
    } finally {
      this.pending--;
      this.onSettled();
      if (this.pending === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  private async attempt(endpoint: WebhookEndpoint, event: EmittedEvent): Promise<DeliveryAttempt['status']> {
    const fault = this.faults.pick('POST', 'webhooks');
    if (fault?.kind === 'slow') await sleep(fault.delayMs ?? 200);
    if (fault?.kind === 'drop') return 'dropped';
    if (fault?.kind === '5xx') return 500;
    const payload = JSON.stringify(event, null, 2);
    const signature = await signPayload(payload, endpoint.secret, Math.floor(this.now() / 1000));
    const request = new Request(endpoint.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'Stripe-Signature': signature,
      },
      body: payload,
    });
    try {
      const response = await this.deliver(request);
      await response.body?.cancel();
      if (fault?.kind === 'timeout') return 'error';
      return response.status;
    } catch {
      return 'error';
    }
  }
}
