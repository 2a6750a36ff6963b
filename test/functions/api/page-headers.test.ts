import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { pageRoutes } from '../../../functions/api/pages.js';

const UI = join(import.meta.dirname, '../../../ui');
// The pages as the app mounts them, with a stand-in for the admin page, whose route lives elsewhere.
const app = new Hono().route('/', pageRoutes(UI));
app.get('/admin', (c) => c.html('<!doctype html><title>admin</title>'));
const get = (path: string) => app.request(path);
const csp = (res: Response) => res.headers.get('content-security-policy') ?? '';

describe('page security headers', () => {
  it.each(['/agent', '/admin'])('%s allows no inline script and is never framed', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(csp(res)).toMatch(/script-src 'self'(;|$)/);
    expect(csp(res)).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp(res)).toMatch(/frame-ancestors 'none'/);
    expect(csp(res)).toMatch(/default-src 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('lets the demo page run exactly its own inline scripts, and be framed', async () => {
    const res = await get('/');
    const html = readFileSync(join(UI, 'demo.html'), 'utf8');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, code]) => code!);
    expect(inline.length).toBeGreaterThan(0);
    const scriptSrc =
      csp(res)
        .match(/script-src ([^;]*)/)?.[1]
        ?.split(' ') ?? [];
    const hashes = inline.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    expect(scriptSrc.sort()).toEqual(["'self'", ...hashes].sort());
    expect(csp(res)).not.toMatch(/frame-ancestors/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('keeps the widget loadable from any site, with nosniff', async () => {
    const res = await get('/widget.js');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBeNull();
    expect(csp(res)).toBe('');
  });
});

describe('page assets', () => {
  it.each(['agent.html', 'admin.html'])('serves every stylesheet and script that %s links', async (page) => {
    const html = readFileSync(join(UI, page), 'utf8');
    const links = [...html.matchAll(/(?:href|src)="([^":]+\.(css|js))"/g)];
    expect(links.map(([, path]) => path)).toContain('console-base.css');
    for (const [, path, kind] of links) {
      const res = await get(`/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(
        kind === 'css' ? /^text\/css/ : /^text\/javascript/,
      );
    }
  });
});
