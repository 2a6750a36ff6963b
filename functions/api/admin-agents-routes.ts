import { Hono } from 'hono';
import { AgentNotFoundError, type AgentStore } from '../core/agents.js';
import type { AdminEnv } from './admin-routes.js';
import { AdminSchemas } from './admin-schemas.js';
import { HttpError } from './errors.js';

/** Agents as admins manage them: list, add, change role, publishing right or state, rotate the token. */
export function adminAgentRoutes(deps: { agents: AgentStore }) {
  const app = new Hono<AdminEnv>();
  const found = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (error instanceof AgentNotFoundError) throw new HttpError(404, 'not_found', 'no such agent');
      throw error;
    }
  };

  app.get('/', async (c) => c.json({ agents: await deps.agents.list() }));

  app.post('/', async (c) => {
    const { name, ...options } = AdminSchemas.NewAgent.parse(await c.req.json());
    return c.json(await deps.agents.add(name, options), 201);
  });

  app.patch('/:id', async (c) => {
    const change = AdminSchemas.AgentChange.parse(await c.req.json());
    return c.json({ agent: await found(deps.agents.update(c.req.param('id'), change)) });
  });

  app.post('/:id/rotate', async (c) => c.json(await found(deps.agents.rotate(c.req.param('id')))));

  return app;
}
