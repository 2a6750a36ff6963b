import * as z from 'zod';
import { AgentRole } from '../core/agents.js';
import { FaqEntry } from '../core/faq/entry.js';
import { FaqDraft } from '../core/faq/faq-drafts.js';
import { RegressionCase } from '../core/faq/regression-set.js';

const FaqFormat = z.enum(['jsonl', 'csv']);
const Reason = z.enum(['none', 'low', 'down']);
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
  // Responses, for /openapi.json.
  FaqList: z.object({
    entries: z.array(FaqEntry),
    total: z.number(),
    nextCursor: z.string().optional(),
    version: z.number(),
  }),
  FaqEntryResult: z.object({ entry: FaqEntry, version: z.number().optional() }),
  FaqVersion: z.object({ version: z.number() }),
  FaqImported: z.object({ version: z.number(), entries: z.number() }),
  FaqVerdict: z.object({
    band: z.enum(['answer', 'suggest', 'none']),
    best: z
      .object({ id: z.string(), score: z.number(), question: z.string(), answer: z.string() })
      .optional(),
    suggestions: z.array(z.object({ id: z.string(), score: z.number(), question: z.string() })),
    terms: z.array(z.object({ term: z.string(), weight: z.number() })),
  }),
  FaqVersions: z.object({
    versions: z.array(
      z.object({ version: z.number(), createdAt: z.number(), entries: z.number(), note: z.string() }),
    ),
  }),
  FaqDiff: z.object({
    added: z.array(FaqEntry),
    removed: z.array(FaqEntry),
    changed: z.array(z.object({ before: FaqEntry, after: FaqEntry })),
  }),
  FaqDrafts: z.object({ drafts: z.array(FaqDraft) }),
  TestCases: z.object({ cases: z.array(RegressionCase) }),
  TestImport: z.object({ content: z.string() }),
  TestReport: z.object({
    total: z.number(),
    passed: z.number(),
    failed: z.number(),
    results: z.array(
      z.object({
        text: z.string(),
        expected: z.string().nullable(),
        predicted: z.string().nullable(),
        score: z.number(),
        ok: z.boolean(),
        live: z.object({ predicted: z.string().nullable(), ok: z.boolean() }).optional(),
      }),
    ),
  }),
  HoursBody: z.object({ hours: z.unknown().describe('an hours file (docs/hours.md)') }),
  HoursView: z.object({
    hours: z.unknown(),
    staffedNow: z.boolean(),
    nextOpen: z.string().optional(),
    nextClose: z.string().optional(),
    week: z.array(
      z.object({ date: z.string(), intervals: z.array(z.object({ from: z.string(), to: z.string() })) }),
    ),
  }),
  UnansweredInbox: z.object({
    clusters: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        count: z.number(),
        questions: z.array(z.string()),
        examples: z.array(
          z.object({ text: z.string(), at: z.number(), channel: z.string(), reason: Reason }),
        ),
        reasons: z.object({ none: z.number(), low: z.number(), down: z.number() }),
        suggestion: z.object({ id: z.string(), question: z.string(), score: z.number() }).optional(),
      }),
    ),
  }),
  Dismissed: z.object({ dismissed: z.number() }),
};
