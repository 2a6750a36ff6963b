import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { consoleHeaders, demoHeaders } from './page-headers.js';

const PAGES: Record<string, { file: string; type: string }> = {
  '/': { file: 'demo.html', type: 'text/html; charset=utf-8' },
  '/widget.js': { file: 'widget.js', type: 'text/javascript; charset=utf-8' },
  '/agent': { file: 'agent.html', type: 'text/html; charset=utf-8' },
  '/agent.js': { file: 'agent.js', type: 'text/javascript; charset=utf-8' },
  '/agent.css': { file: 'agent.css', type: 'text/css; charset=utf-8' },
};

/**
 * Serves the pages in ui/: the demo shop, the embeddable widget and the agent console, with their security
 * headers (the admin page's too, wherever its route is). Files are read once.
 */
export function pageRoutes(uiDir: string) {
  const app = new Hono();
  app.use('/agent', consoleHeaders);
  app.use('/admin', consoleHeaders);
  // The demo's inline scripts are allowed by their hashes, so they are read now, before the first request.
  app.use('/', demoHeaders(readDemo(join(uiDir, PAGES['/']!.file))));
  const cache = new Map<string, Promise<string | undefined>>();
  const load = (file: string) => {
    if (!cache.has(file))
      cache.set(
        file,
        readFile(join(uiDir, file), 'utf8').catch(() => undefined),
      );
    return cache.get(file)!;
  };
  for (const [path, page] of Object.entries(PAGES)) {
    app.get(path, async (c) => {
      const body = await load(page.file);
      if (body === undefined) return c.notFound();
      const headers: Record<string, string> = {
        'content-type': page.type,
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      };
      // The widget is embedded on other sites, so it must be loadable cross-origin.
      if (page.file === 'widget.js') headers['access-control-allow-origin'] = '*';
      return c.body(body, 200, headers);
    });
  }
  return app;
}

function readDemo(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
