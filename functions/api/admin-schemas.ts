import * as z from 'zod';
import { AgentRole } from '../core/agents.js';
import { FaqEntry } from '../core/faq/entry.js';

const FaqFormat = z.enum(['jsonl', 'csv']);
const Questions = z.array(z.string().trim().min(1).max(500)).min(1).max(50);

const AgentRecord = z.object({
  id: z.string(),
  name: z.string(),
  role: AgentRole,
  canPublish: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.number(),
});

/** Request and response bodies of the admin API (docs/admin-api.md); /openapi.json is generated from these too. */
export const AdminSchemas = {
  NewAgent: z.object({
    name: z.string().trim().min(1).max(100),
    role: AgentRole.optional(),
    canPublish: z.boolean().optional(),
  }),
  AgentChange: z.object({
    role: AgentRole.optional(),
    canPublish: z.boolean().optional(),
    disabled: z.boolean().optional(),
  }),
  AgentRecord,
  AgentList: z.object({ agents: z.array(AgentRecord) }),
  AgentWithToken: z.object({ agent: AgentRecord, token: z.string() }),
  FaqEntry,
  /** An entry as PUT takes it: the id is the path's. */
  FaqEntryBody: FaqEntry.omit({ id: true }),
  FaqFormat,
  FaqImport: z.object({
    content: z.string(),
    format: FaqFormat.default('jsonl'),
    mode: z.enum(['merge', 'replace']).default('merge'),
  }),
  TestRun: z.object({
    draft: z
      .object({
        content: z.string(),
        format: FaqFormat.default('jsonl'),
        mode: z.enum(['merge', 'replace']).default('merge'),
      })
      .optional(),
  }),
  UnansweredAttach: z.object({ entryId: z.string().min(1), questions: Questions }),
  UnansweredCreate: FaqEntry.omit({ questions: true }).extend({ questions: Questions }),
  UnansweredDismiss: z.object({ questions: Questions }),
  FaqTry: z.object({ text: z.string().trim().min(1).max(2000) }),
  DraftPublish: z.object({
    entryId: z.string().optional(),
    question: z.string().trim().min(1).max(500).optional(),
    answer: z.string().trim().min(1).max(4000).optional(),
  }),
};
