import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi.js';

const document = openApiDocument();

describe('/openapi.json for the admin API', () => {
  it('lists every route of docs/admin-api.md that this area serves, behind the admin scheme', () => {
    const paths = Object.keys(document.paths);
    for (const path of [
      '/admin/faq',
      '/admin/faq/{id}',
      '/admin/faq/import',
      '/admin/faq/try',
      '/admin/faq/versions/diff',
      '/admin/faq/drafts/{id}/publish',
      '/admin/tests/run',
      '/admin/hours',
      '/admin/agents/{id}/rotate',
      '/admin/unanswered/attach',
    ]) {
      expect(paths).toContain(path);
    }
    const faq = document.paths['/admin/faq'] as Record<string, { security: unknown[] }>;
    expect(faq.get!.security).toEqual([{ admin: [] }]);
    expect(document.components.securitySchemes).toHaveProperty('admin');
  });

  it('names only schemas it defines', () => {
    const refs = JSON.stringify(document.paths).match(/#\/components\/schemas\/\w+/g) ?? [];
    const defined = Object.keys(document.components.schemas);
    for (const ref of refs) expect(defined).toContain(ref.split('/').pop());
    expect(defined).toEqual(expect.arrayContaining(['FaqVerdict', 'TestReport', 'UnansweredInbox']));
  });
});
