import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { consoleHeaders, demoHeaders } from './page-headers.js';
import { VENDOR_FILES, vendorCandidates } from './vendor-files.js';

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const PAGES: Record<string, { file: string; type: string }> = {
  '/': { file: 'demo.html', type: HTML },
  '/widget.js': { file: 'widget.js', type: JS },
  '/agent': { file: 'agent.html', type: HTML },
  '/agent.js': { file: 'agent.js', type: JS },
  '/agent.css': { file: 'agent.css', type: CSS },
  '/console-base.css': { file: 'console-base.css', type: CSS },
  '/admin': { file: 'admin.html', type: HTML },
};
// The admin page's own scripts and styles: admin.js, admin.css and one admin-SECTION.js per section.
const ADMIN_ASSET = /^admin(-[a-z0-9-]+)?\.(js|css)$/;

/** The first of the files that can be read, or undefined. */
async function readFirst(paths: string[]): Promise<string | undefined> {
  for (const path of paths) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * Serves the pages in ui/: the demo shop, the embeddable widget, the agent console and the admin page, plus the
 * admin page's vendored libraries under /admin/vendor/, with their security headers. Files are read once.
 */
export function pageRoutes(uiDir: string) {
  const app = new Hono();
  app.use('/agent', consoleHeaders);
  app.use('/admin', consoleHeaders);
  // The demo's inline scripts are allowed by their hashes, so they are read now, before the first request.
  app.use('/', demoHeaders(readDemo(join(uiDir, PAGES['/']!.file))));
  const cache = new Map<string, Promise<string | undefined>>();
  const load = (key: string, paths: string[]) => {
    if (!cache.has(key)) cache.set(key, readFirst(paths));
    return cache.get(key)!;
  };
  const headers = (type: string): Record<string, string> => ({
    'content-type': type,
    'cache-control': 'public, max-age=300',
    'x-content-type-options': 'nosniff',
  });
  for (const [path, page] of Object.entries(PAGES)) {
    app.get(path, async (c) => {
      const body = await load(page.file, [join(uiDir, page.file)]);
      if (body === undefined) return c.notFound();
      const sent = headers(page.type);
      // The widget is embedded on other sites, so it must be loadable cross-origin.
      if (page.file === 'widget.js') sent['access-control-allow-origin'] = '*';
      return c.body(body, 200, sent);
    });
  }
  app.get('/:file', async (c, next) => {
    const file = c.req.param('file');
    if (!ADMIN_ASSET.test(file)) return next();
    const body = await load(file, [join(uiDir, file)]);
    if (body === undefined) return c.notFound();
    return c.body(body, 200, headers(file.endsWith('.css') ? CSS : JS));
  });
  // Relative links in the page resolve against /admin, so the trailing-slash form is sent there.
  app.get('/admin/', (c) => c.redirect('/admin', 301));
  app.get('/admin/vendor/:name', async (c) => {
    const name = c.req.param('name');
    const file = VENDOR_FILES[name];
    const body = file && (await load(`vendor/${name}`, vendorCandidates(uiDir, name)));
    if (!file || body === undefined) return c.notFound();
    return c.body(body, 200, headers(file.type));
  });
  return app;
}

function readDemo(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
