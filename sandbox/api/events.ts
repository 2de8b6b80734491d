/** The account's event log (`evt_…`), kept oldest first in State; `GET /v1/events` lists newest first. */
import Stripe from 'stripe';
import { newId } from './ids.ts';
import type { EmittedEvent, EmittedType, EventObject } from './state.ts';

export const API_VERSION: string = Stripe.API_VERSION;

export class EventLog {
  private readonly byId = new Map<string, EmittedEvent>();

  /** `events` is the State's array (possibly restored from a snapshot): the log appends to it. */
  constructor(private readonly events: EmittedEvent[]) {
    for (const event of events) this.byId.set(event.id, event);
  }

  create<T extends EmittedType>(
    type: T,
    object: EventObject<T>,
    created: number,
    request: { id: string | null; idempotency_key: string | null } | null,
    previousAttributes?: Record<string, unknown>,
  ): EmittedEvent {
    // A snapshot: later changes to the object must not rewrite history.
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created,
      data: previousAttributes
        ? { object: structuredClone(object), previous_attributes: structuredClone(previousAttributes) }
        : { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 0,
      request,
      type,
    } as EmittedEvent;
    this.events.push(event);
    this.byId.set(event.id, event);
    return event;
  }

  get(id: string): EmittedEvent | undefined {
    return this.byId.get(id);
  }

  list(filter: { type?: string; types?: string[]; delivery_success?: boolean; starting_after?: string; limit: number }): {
    data: EmittedEvent[];
    has_more: boolean;
  } {
    let items = [...this.events].reverse();
    // delivery_success=false: events still pending or whose delivery failed to some endpoint.
    if (filter.delivery_success !== undefined) items = items.filter((e) => (e.pending_webhooks === 0) === filter.delivery_success);
    if (filter.type) items = items.filter((e) => matchesType(filter.type!, e.type));
    if (filter.types) items = items.filter((e) => filter.types!.includes(e.type));
    if (filter.starting_after) {
      const i = items.findIndex((e) => e.id === filter.starting_after);
      items = i === -1 ? [] : items.slice(i + 1);
    }
    return { data: items.slice(0, filter.limit), has_more: items.length > filter.limit };
  }
}

/** `type` filters accept a `*` wildcard, e.g. `payment_intent.*`. */
export function matchesType(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
