import { join } from 'node:path';

/**
 * Browser libraries the pages load from the server itself (no CDN): the name served under /admin/vendor/ → the
 * file in node_modules. lib/bundle-options.ts copies each to ui/vendor/NAME beside the api bundle.
 */
export const VENDOR_FILES: Record<string, { module: string; type: string }> = {
  'uplot.js': { module: 'uplot/dist/uPlot.iife.min.js', type: 'text/javascript; charset=utf-8' },
  'uplot.css': { module: 'uplot/dist/uPlot.min.css', type: 'text/css; charset=utf-8' },
};

/** Where a vendor file may be: copied beside the pages (the Lambda bundle), or in the checkout's node_modules. */
export function vendorCandidates(uiDir: string, name: string): string[] {
  const file = VENDOR_FILES[name];
  if (!file) return [];
  return [join(uiDir, 'vendor', name), join(uiDir, '..', 'node_modules', file.module)];
}
