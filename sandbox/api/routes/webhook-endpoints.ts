/** /v1/webhook_endpoints: create (answer carries `secret`), retrieve, update, list, delete. */
import type { Hono } from 'hono';
import { invalidParam } from '../errors.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, mergeMetadata, parseParams } from '../params.ts';
import { checkEnabledEvents, checkEndpointUrl, createEndpoint, endpointView, requireEndpoint } from '../resources/webhook-endpoints.ts';
import { page } from './list.ts';

const EVENTS = { array: 'string' } as const;

export function webhookEndpointRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/webhook_endpoints', 'secret', (req, ctx) => {
    const p = parseParams(
      req.params,
      { url: 'string', enabled_events: EVENTS, description: 'string', metadata: 'map', api_version: 'string', connect: 'bool', expand: EXPAND },
      ['url', 'enabled_events'],
    );
    if (p.connect) throw invalidParam('connect', 'Connect webhook endpoints are not modelled by the sandbox.');
    checkEndpointUrl(p.url);
    checkEnabledEvents(p.enabled_events);
    const endpoint = createEndpoint(ctx.state, ctx.now(), {
      url: p.url,
      enabledEvents: p.enabled_events,
      description: p.description || null,
      metadata: mergeMetadata({}, p.metadata),
      apiVersion: p.api_version ?? null,
    });
    return endpointView(endpoint, true);
  });

  defineRoute(app, deps, 'GET', '/v1/webhook_endpoints/:id', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return endpointView(requireEndpoint(ctx.state, req.path.id));
  });

  defineRoute(app, deps, 'POST', '/v1/webhook_endpoints/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { url: 'string', enabled_events: EVENTS, description: 'string', metadata: 'map', disabled: 'bool', expand: EXPAND });
    const endpoint = requireEndpoint(ctx.state, req.path.id);
    if (p.url !== undefined) checkEndpointUrl(p.url);
    if (p.enabled_events !== undefined) checkEnabledEvents(p.enabled_events);
    if (p.url !== undefined) endpoint.url = p.url;
    if (p.enabled_events !== undefined) endpoint.enabledEvents = p.enabled_events;
    if (p.description !== undefined) endpoint.description = p.description || null;
    if (p.metadata !== undefined) endpoint.metadata = mergeMetadata(endpoint.metadata, p.metadata);
    if (p.disabled !== undefined) endpoint.status = p.disabled ? 'disabled' : 'enabled';
    return endpointView(endpoint);
  });

  defineRoute(app, deps, 'GET', '/v1/webhook_endpoints', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { limit: 'int', starting_after: 'string', expand: EXPAND });
    const items = [...ctx.state.webhookEndpoints.values()].reverse().map((e) => endpointView(e));
    return page(items, p.limit, p.starting_after, '/v1/webhook_endpoints');
  });

  defineRoute(app, deps, 'DELETE', '/v1/webhook_endpoints/:id', 'secret', (req, ctx) => {
    parseParams(req.params, {});
    const endpoint = requireEndpoint(ctx.state, req.path.id);
    ctx.state.webhookEndpoints.delete(endpoint.id);
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  });
}
