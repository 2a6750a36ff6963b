import * as z from 'zod';
import { Schemas } from './schemas.js';

type Op = {
  summary: string;
  auth?: 'conversation' | 'agent' | 'admin';
  body?: keyof typeof Schemas;
  response?: keyof typeof Schemas;
};

const ROUTES: Record<string, Record<string, Op>> = {
  '/health': { get: { summary: 'Liveness check' } },
  '/web/conversations': {
    post: { summary: 'Open a web-chat conversation', body: 'NewConversation', response: 'Conversation' },
  },
  '/web/conversations/{id}/messages': {
    post: {
      summary: 'Send a message; the replies come back',
      auth: 'conversation',
      body: 'PostMessage',
      response: 'Replies',
    },
    get: { summary: 'Transcript after a cursor (?after=)', auth: 'conversation' },
  },
  '/web/conversations/{id}/live': {
    get: { summary: 'WebSocket (?token=): a ping on every new transcript line' },
  },
  '/agent/me': { get: { summary: 'The signed-in agent', auth: 'agent', response: 'Agent' } },
  '/agent/tickets': { get: { summary: 'Open tickets (queued and claimed)', auth: 'agent' } },
  '/agent/tickets/{id}': { get: { summary: 'A ticket and its conversation', auth: 'agent' } },
  '/agent/tickets/{id}/claim': { post: { summary: 'Claim a ticket (409 if taken)', auth: 'agent' } },
  '/agent/tickets/{id}/messages': {
    post: { summary: 'Reply to the user (owner only)', auth: 'agent', body: 'AgentReply' },
  },
  '/agent/tickets/{id}/resolve': {
    post: { summary: 'Resolve; the user is asked for a rating', auth: 'agent' },
  },
  '/agent/tickets/{id}/release': {
    post: { summary: 'Hand the conversation back to the bot', auth: 'agent' },
  },
  '/agent/faq': {
    post: {
      summary: 'Save a question and answer as a new FAQ entry',
      auth: 'agent',
      body: 'SaveFaq',
      response: 'FaqEntry',
    },
  },
  '/admin/dead-letters': {
    get: {
      summary: 'Messages waiting in each dead-letter queue',
      auth: 'admin',
      response: 'DeadLetterCounts',
    },
  },
  '/admin/dead-letters/{queue}': {
    get: { summary: 'The messages of one dead-letter queue', auth: 'admin', response: 'DeadLetterList' },
  },
  '/admin/dead-letters/{queue}/redrive': {
    post: {
      summary: 'Move these messages (or all) back to their queue',
      auth: 'admin',
      body: 'Redrive',
      response: 'Redriven',
    },
  },
};

/** The OpenAPI 3.1 document, with bodies generated from the same zod schemas the routes parse with. */
export function openApiDocument() {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
  const paths = Object.fromEntries(
    Object.entries(ROUTES).map(([path, ops]) => [
      path,
      Object.fromEntries(
        Object.entries(ops).map(([method, op]) => [
          method,
          {
            summary: op.summary,
            ...(op.auth ? { security: [{ [op.auth]: [] }] } : {}),
            ...(op.body ? { requestBody: { required: true, ...json(op.body) } } : {}),
            responses: {
              '2XX': op.response ? { description: 'OK', ...json(op.response) } : { description: 'OK' },
              '4XX': { description: 'Client error', ...json('Error') },
            },
          },
        ]),
      ),
    ]),
  );
  const schemas = Object.fromEntries(
    Object.entries(Schemas).map(([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input' })]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'frontdesk', version: '0.1.0' },
    paths,
    components: {
      schemas,
      securitySchemes: {
        conversation: { type: 'http', scheme: 'bearer', description: 'token from POST /web/conversations' },
        agent: { type: 'http', scheme: 'bearer', description: 'token from `frontdesk agents add`' },
        admin: {
          type: 'http',
          scheme: 'bearer',
          description: 'FRONTDESK_ADMIN_TOKEN, or an admin agent’s token',
        },
      },
    },
  };
}
