import { Hono } from 'hono';
import type { AgentDesk } from '../core/agent-desk.js';
import type { Agent, AgentStore } from '../core/agents.js';
import type { ConversationStore } from '../core/conversations.js';
import type { FaqDrafts } from '../core/faq/faq-drafts.js';
import type { FaqStore } from '../core/faq/faq-store.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import type { TicketStore } from '../core/tickets.js';
import { HttpError } from './errors.js';
import { Schemas } from './schemas.js';

/** What the agent routes need. */
export interface AgentRouteDeps {
  clock: () => Date;
  agents: AgentStore;
  tickets: TicketStore;
  conversations: ConversationStore;
  desk: AgentDesk;
  faqStore: FaqStore;
  faq: LiveFaq;
  faqDrafts: FaqDrafts;
}

/** The agent API behind the console (and any other tool): the queue, claiming, replying, resolving, teaching the FAQ. */
export function agentRoutes(deps: AgentRouteDeps) {
  const app = new Hono<{ Variables: { agent: Agent } }>();

  app.use(async (c, next) => {
    const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const agent = await deps.agents.authenticate(token);
    if (!agent)
      throw new HttpError(
        401,
        'unauthorized',
        'unknown agent token; create one with `npm run frontdesk -- agents add NAME`',
      );
    c.set('agent', agent);
    await next();
  });

  app.get('/me', (c) => c.json(c.get('agent')));

  app.get('/tickets', async (c) => {
    const [queued, claimed] = await Promise.all([deps.tickets.list('queued'), deps.tickets.list('claimed')]);
    return c.json({ tickets: [...queued, ...claimed] });
  });

  app.get('/tickets/:id', async (c) => {
    const ticket = await deps.tickets.get(c.req.param('id'));
    if (!ticket) throw new HttpError(404, 'not_found', 'no such ticket');
    const transcript = await deps.conversations.transcript(ticket.conversationKey);
    return c.json({ ticket, transcript });
  });

  app.post('/tickets/:id/claim', async (c) => {
    const ticket = await deps.desk.claim(c.req.param('id'), c.get('agent'), deps.clock());
    return c.json({ ticket });
  });

  app.post('/tickets/:id/messages', async (c) => {
    const { text } = Schemas.AgentReply.parse(await c.req.json());
    await deps.desk.reply(c.req.param('id'), c.get('agent'), text, deps.clock());
    return c.body(null, 202);
  });

  app.post('/tickets/:id/resolve', async (c) => {
    return c.json({ ticket: await deps.desk.resolve(c.req.param('id'), c.get('agent'), deps.clock()) });
  });

  app.post('/tickets/:id/release', async (c) => {
    return c.json({ ticket: await deps.desk.release(c.req.param('id'), c.get('agent'), deps.clock()) });
  });

  // Agents who may publish teach the bot at once; the others leave a draft that an admin reviews (/admin/faq/drafts).
  app.post('/faq', async (c) => {
    const body = Schemas.SaveFaq.parse(await c.req.json());
    const agent = c.get('agent');
    if (!agent.canPublish) {
      const draft = await deps.faqDrafts.add({ ...body, agentId: agent.id, agentName: agent.name });
      const message =
        'Saved as a draft: an admin reviews it before the bot uses it. · 已存为草稿，待管理员审核';
      return c.json({ draft, published: false, message }, 202);
    }
    const entry = {
      id: `agent-${deps.clock().getTime().toString(36)}`,
      questions: [body.question],
      answer: body.answer,
      lang: body.lang,
    };
    await deps.faqStore.put(entry);
    deps.faq.invalidate();
    const message = `Saved as FAQ ${entry.id}; the bot answers with it now. · 已存为常见问题`;
    return c.json({ entry, published: true, message }, 201);
  });

  return app;
}
