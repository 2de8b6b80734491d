import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { requireAdmin } from './auth.ts';
import { adminChargeRoutes } from './charges.ts';
import { adminCustomerRoutes } from './customers.ts';
import { adminDomainRoutes } from './domains.ts';
import { adminLinkRoutes } from './links.ts';
import { adminOrderRoutes } from './orders.ts';
import { adminSessionRoutes } from './sessions.ts';

/**
 * /admin/api/*: what a merchant does after the sale (protocol/admin.ts). Bearer ADMIN_TOKEN,
 * never CORS-open; the CLI and the /admin page are thin clients of it.
 */
export function adminRoutes(deps: AppDeps) {
  const api = new Hono();
  api.use('*', requireAdmin(deps.config.adminToken));
  for (const routes of [adminOrderRoutes, adminChargeRoutes, adminCustomerRoutes, adminSessionRoutes, adminLinkRoutes, adminDomainRoutes]) {
    api.route('/', routes(deps));
  }
  return new Hono().route('/admin/api', api);
}
