import { createHash } from 'node:crypto';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The agent console and the admin page: their own scripts and styles only (no inline script, so an injected
 * `<script>` or `onclick` does not run), calls to this origin only, never inside another site's frame.
 */
export const consoleHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
});

/**
 * The demo shop: its two small inline scripts allowed by hash (nothing else inline runs), inline styles (the
 * widget styles its shadow root), the live socket wherever the deployment serves it. Shops may frame the demo.
 */
export function demoHeaders(html: string) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", ...inlineScriptHashes(html)],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    referrerPolicy: 'strict-origin-when-cross-origin',
  });
}

/** CSP hash sources of a page's inline `<script>` blocks (those without attributes), as the browser hashes them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, code]) => `'sha256-${createHash('sha256').update(code!, 'utf8').digest('base64')}'`,
  );
}
