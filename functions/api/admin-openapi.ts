import type { AdminSchemas } from './admin-schemas.js';

/** One admin operation in /openapi.json; bodies and answers name schemas of AdminSchemas. */
export type AdminOp = {
  summary: string;
  auth: 'admin';
  body?: keyof typeof AdminSchemas;
  response?: keyof typeof AdminSchemas;
};

const op = (summary: string, parts: Omit<AdminOp, 'summary' | 'auth'> = {}): AdminOp => ({
  summary,
  auth: 'admin',
  ...parts,
});

/** The FAQ, tests, hours, agents and unanswered routes of the admin API (docs/admin-api.md). */
export const ADMIN_ROUTES: Record<string, Record<string, AdminOp>> = {
  '/admin/faq': {
    get: op('Live entries filtered by ?q=&tag=&lang=, paged by ?cursor=&limit=', { response: 'FaqList' }),
    post: op('Create one entry (409 if the id exists)', { body: 'FaqEntry', response: 'FaqEntryResult' }),
  },
  '/admin/faq/{id}': {
    get: op('One entry', { response: 'FaqEntryResult' }),
    put: op('Replace one entry', { body: 'FaqEntryBody', response: 'FaqEntryResult' }),
    delete: op('Delete one entry', { response: 'FaqVersion' }),
  },
  '/admin/faq/import': {
    post: op('Import a JSONL or CSV file (up to 10 MB), all or nothing', {
      body: 'FaqImport',
      response: 'FaqImported',
    }),
  },
  '/admin/faq/export': { get: op('The live FAQ as a file (?format=jsonl|csv)') },
  '/admin/faq/try': {
    post: op("The bot's verdict on a question, and the words that counted", {
      body: 'FaqTry',
      response: 'FaqVerdict',
    }),
  },
  '/admin/faq/versions': { get: op('The last 20 versions, newest first', { response: 'FaqVersions' }) },
  '/admin/faq/versions/diff': { get: op('What changed between ?from= and ?to=', { response: 'FaqDiff' }) },
  '/admin/faq/versions/{version}/rollback': {
    post: op('Make that version live again, as a new version', { response: 'FaqVersion' }),
  },
  '/admin/faq/drafts': { get: op('"Save as FAQ" drafts awaiting review', { response: 'FaqDrafts' }) },
  '/admin/faq/drafts/{id}/publish': {
    post: op('Publish a draft, as a new entry or a phrasing of one', {
      body: 'DraftPublish',
      response: 'FaqEntryResult',
    }),
  },
  '/admin/faq/drafts/{id}': { delete: op('Discard a draft') },
  '/admin/tests': {
    get: op('The stored regression set', { response: 'TestCases' }),
    put: op('Replace the regression set', { body: 'TestCases', response: 'TestCases' }),
  },
  '/admin/tests/import': {
    post: op('Replace the set from JSONL lines {"text", "expected"}', {
      body: 'TestImport',
      response: 'TestCases',
    }),
  },
  '/admin/tests/run': {
    post: op('Run the set against the live FAQ or a draft import (nothing published)', {
      body: 'TestRun',
      response: 'TestReport',
    }),
  },
  '/admin/hours': {
    get: op('The staffed hours with a preview', { response: 'HoursView' }),
    put: op('Validate and apply staffed hours', { body: 'HoursBody', response: 'HoursView' }),
  },
  '/admin/agents': {
    get: op('Agents with role and state', { response: 'AgentList' }),
    post: op('Add an agent; its token is shown once', { body: 'NewAgent', response: 'AgentWithToken' }),
  },
  '/admin/agents/{id}': {
    patch: op('Change role, publishing right or state', { body: 'AgentChange', response: 'AgentRecord' }),
  },
  '/admin/agents/{id}/rotate': {
    post: op('A new token; the old one is refused', { response: 'AgentWithToken' }),
  },
  '/admin/unanswered': {
    get: op('Unanswered questions of ?from=&to=, grouped by need', { response: 'UnansweredInbox' }),
  },
  '/admin/unanswered/attach': {
    post: op('Add questions as phrasings of an entry', {
      body: 'UnansweredAttach',
      response: 'FaqEntryResult',
    }),
  },
  '/admin/unanswered/create': {
    post: op('A new entry from questions', { body: 'UnansweredCreate', response: 'FaqEntryResult' }),
  },
  '/admin/unanswered/dismiss': {
    post: op('Hide questions from the inbox', { body: 'UnansweredDismiss', response: 'Dismissed' }),
  },
};
