import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { AgentStore } from '../core/agents.js';
import { HttpError } from './errors.js';

/** What every admin route needs: who may use it. */
export interface AdminAuthDeps {
  settings: { adminToken?: string };
  agents: AgentStore;
}

/** Admin routers share this environment: `admin` names who called (the admin token, or an admin agent). */
export type AdminEnv = { Variables: { admin: { id: string; name: string } } };

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The admin API under /admin (docs/admin-api.md). Each area is its own router, mounted here; all of them sit
 * behind one check: the bearer is FRONTDESK_ADMIN_TOKEN (compared in constant time) or an admin agent's token.
 */
export function adminRoutes(deps: AdminAuthDeps, routers: Record<string, Hono<AdminEnv>>) {
  const app = new Hono<AdminEnv>();
  app.use(async (c, next) => {
    const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const configured = deps.settings.adminToken;
    if (configured && token && timingSafeEqual(digest(token), digest(configured))) {
      c.set('admin', { id: 'admin', name: 'admin' });
      return next();
    }
    const agent = token ? await deps.agents.authenticate(token) : undefined;
    if (agent?.role === 'admin') {
      c.set('admin', { id: agent.id, name: agent.name });
      return next();
    }
    throw new HttpError(
      401,
      'unauthorized',
      'an admin token is needed: FRONTDESK_ADMIN_TOKEN, or the token of an agent with the admin role',
    );
  });
  for (const [path, router] of Object.entries(routers)) app.route(path, router);
  return app;
}
