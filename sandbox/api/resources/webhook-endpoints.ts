/**
 * Webhook endpoints (`we_…`, https://docs.stripe.com/api/webhook_endpoints): where events are
 * delivered (webhooks.ts signs and sends them). The signing secret is shown once, in the answer to
 * create, as Stripe does. Connect endpoints are not modelled; events are always rendered in the
 * pinned API version, whatever `api_version` an endpoint was created with.
 */
import type Stripe from 'stripe';
import { invalidParam, invalidRequest, resourceMissing } from '../errors.ts';
import { newId, randomString } from '../ids.ts';
import type { State, WebhookEndpointRecord } from '../state.ts';

export interface EndpointInput {
  url: string;
  enabledEvents?: string[];
  secret?: string;
  description?: string | null;
  metadata?: Record<string, string>;
  apiVersion?: string | null;
}

/**
 * `*` or an event type such as `payment_intent.succeeded`: stripe@23's EnabledEvent lists no
 * `prefix.*` patterns (those exist only for emulator.addWebhookEndpoint). Unknown types of the
 * right form are not refused here, though Stripe refuses them.
 */
const EVENT_PATTERN = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;

export function checkEndpointUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Invalid URL: ${url}.`, { code: 'url_invalid', param: 'url' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalidRequest(`Invalid URL: ${url}. Webhook endpoints must be http(s) URLs.`, { code: 'url_invalid', param: 'url' });
  }
}

export function checkEnabledEvents(events: string[]): void {
  if (events.length === 0) throw invalidParam('enabled_events', 'enabled_events must list at least one event type, or *.');
  events.forEach((e, i) => {
    if (!EVENT_PATTERN.test(e)) throw invalidParam(`enabled_events[${i}]`, `Invalid enabled_events[${i}]: ${e} is not an event type.`);
  });
}

export function createEndpoint(state: State, created: number, input: EndpointInput): WebhookEndpointRecord {
  const endpoint: WebhookEndpointRecord = {
    id: newId('we'),
    url: input.url,
    secret: input.secret ?? `whsec_${randomString(32)}`,
    enabledEvents: input.enabledEvents ?? ['*'],
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    status: 'enabled',
    created,
    apiVersion: input.apiVersion ?? null,
  };
  state.webhookEndpoints.set(endpoint.id, endpoint);
  return endpoint;
}

export function requireEndpoint(state: State, id: string): WebhookEndpointRecord {
  const endpoint = state.webhookEndpoints.get(id);
  if (!endpoint) throw resourceMissing('webhook_endpoint', id);
  return endpoint;
}

/** The API object; `secret` only when asked for (the create answer). */
export function endpointView(e: WebhookEndpointRecord, withSecret = false): Stripe.WebhookEndpoint {
  return {
    id: e.id,
    object: 'webhook_endpoint',
    api_version: e.apiVersion ?? null,
    application: null,
    created: e.created,
    description: e.description,
    enabled_events: [...e.enabledEvents],
    livemode: false,
    metadata: { ...e.metadata },
    ...(withSecret ? { secret: e.secret } : {}),
    status: e.status,
    url: e.url,
  };
}
