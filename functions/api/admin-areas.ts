import { Hono } from 'hono';
import type { AgentStore } from '../core/agents.js';
import type { FaqDrafts } from '../core/faq/faq-drafts.js';
import type { HistoryFaqStore } from '../core/faq/faq-history.js';
import type { LiveFaq } from '../core/faq/live-faq.js';
import type { HoursStore } from '../core/hours/hours-store.js';
import { adminAgentRoutes } from './admin-agents-routes.js';
import { adminFaqDraftRoutes } from './admin-faq-drafts-routes.js';
import { adminFaqRoutes } from './admin-faq-routes.js';
import { adminFaqTryRoutes } from './admin-faq-try-routes.js';
import { adminFaqVersionRoutes } from './admin-faq-versions-routes.js';
import { adminHoursRoutes } from './admin-hours-routes.js';
import { type AdminTestsDeps, adminTestsRoutes } from './admin-tests-routes.js';
import { type AdminUnansweredDeps, adminUnansweredRoutes } from './admin-unanswered-routes.js';
import type { AdminEnv } from './admin-routes.js';

/** What the FAQ, tests, hours, agents and unanswered areas of the admin API need. */
export interface AdminAreaDeps extends AdminTestsDeps, AdminUnansweredDeps {
  clock: () => Date;
  agents: AgentStore;
  faqStore: HistoryFaqStore;
  faq: LiveFaq;
  faqDrafts: FaqDrafts;
  hours: HoursStore;
}

/** The admin API's FAQ, tests, hours, agents and unanswered routers, by mount path under /admin. */
export function adminAreas(deps: AdminAreaDeps): Record<string, Hono<AdminEnv>> {
  // The named sub-routes first: `/faq/:id` would otherwise take `/faq/versions` and `/faq/drafts`.
  const faq = new Hono<AdminEnv>()
    .route('/versions', adminFaqVersionRoutes(deps))
    .route('/drafts', adminFaqDraftRoutes(deps))
    .route('/', adminFaqTryRoutes(deps))
    .route('/', adminFaqRoutes(deps));
  return {
    '/faq': faq,
    '/tests': adminTestsRoutes(deps),
    '/hours': adminHoursRoutes(deps),
    '/agents': adminAgentRoutes(deps),
    '/unanswered': adminUnansweredRoutes(deps),
  };
}
