/** /v1/products and /v1/prices: create, retrieve, list (prices also by lookup_keys). */
import type { Hono } from 'hono';
import { invalidParam } from '../errors.ts';
import { applyExpand, checkExpand } from '../expand.ts';
import { type RouterDeps, defineRoute } from '../http.ts';
import { EXPAND, type Spec, obj, parseParams } from '../params.ts';
import { RECURRING_INTERVALS, createPrice, createProduct, requirePrice, requireProduct } from '../resources/products.ts';
import { page } from './list.ts';

const RECURRING = obj({ interval: { enum: RECURRING_INTERVALS }, interval_count: 'int' }, ['interval']);

const PRODUCT: Record<string, Spec> = {
  id: 'string',
  name: 'string',
  description: 'string',
  active: 'bool',
  images: { array: 'string' },
  metadata: 'map',
  default_price_data: obj({ currency: 'string', unit_amount: 'int', recurring: RECURRING, metadata: 'map' }, ['currency']),
  expand: EXPAND,
};

const PRICE: Record<string, Spec> = {
  currency: 'string',
  unit_amount: 'int',
  product: 'string',
  product_data: obj({ name: 'string', metadata: 'map' }, ['name']),
  recurring: RECURRING,
  active: 'bool',
  nickname: 'string',
  lookup_key: 'string',
  transfer_lookup_key: 'bool',
  metadata: 'map',
  expand: EXPAND,
};

const LIST: Record<string, Spec> = { active: 'bool', limit: 'int', starting_after: 'string', expand: EXPAND };

export function productRoutes(app: Hono, deps: RouterDeps): void {
  defineRoute(app, deps, 'POST', '/v1/products', 'secret', (req, ctx) => {
    const p = parseParams(req.params, PRODUCT, ['name']);
    return applyExpand(ctx.state, createProduct(ctx, p), checkExpand(p.expand, []));
  });

  defineRoute(app, deps, 'GET', '/v1/products/:id', 'secret', (req, ctx) => {
    parseParams(req.params, { expand: EXPAND });
    return requireProduct(ctx, req.path.id);
  });

  defineRoute(app, deps, 'GET', '/v1/products', 'secret', (req, ctx) => {
    const p = parseParams(req.params, LIST);
    let items = [...ctx.state.products.values()].reverse();
    if (p.active !== undefined) items = items.filter((x) => x.active === p.active);
    return page(items, p.limit, p.starting_after, '/v1/products');
  });

  defineRoute(app, deps, 'POST', '/v1/prices', 'secret', (req, ctx) => {
    const p = parseParams(req.params, PRICE, ['currency']);
    const expand = checkExpand(p.expand, ['product']);
    return applyExpand(ctx.state, createPrice(ctx, p), expand);
  });

  defineRoute(app, deps, 'GET', '/v1/prices/:id', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { expand: EXPAND });
    return applyExpand(ctx.state, requirePrice(ctx, req.path.id), checkExpand(p.expand, ['product']));
  });

  defineRoute(app, deps, 'GET', '/v1/prices', 'secret', (req, ctx) => {
    const p = parseParams(req.params, { ...LIST, product: 'string', type: { enum: ['one_time', 'recurring'] }, lookup_keys: { array: 'string' } });
    const expand = checkExpand(p.expand, ['data.product']);
    if (p.lookup_keys && p.lookup_keys.length > 10) throw invalidParam('lookup_keys', 'You can specify up to 10 lookup_keys.');
    let items = [...ctx.state.prices.values()].reverse();
    if (p.lookup_keys) items = items.filter((x) => x.lookup_key !== null && p.lookup_keys.includes(x.lookup_key));
    if (p.active !== undefined) items = items.filter((x) => x.active === p.active);
    if (p.product) items = items.filter((x) => x.product === p.product);
    if (p.type) items = items.filter((x) => x.type === p.type);
    const listed = page(items, p.limit, p.starting_after, '/v1/prices');
    return expand.length ? { ...listed, data: listed.data.map((price) => applyExpand(ctx.state, price, ['product'])) } : listed;
  });
}
