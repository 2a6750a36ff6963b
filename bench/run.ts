// Runs every benchmark module in turn, or only those named on the command line (`npm run bench -- faq-scale`);
// each prints its own markdown table. Add a module to the list.
const modules: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'faq-match': () => import('./faq-match.js'),
  'faq-scale': () => import('./faq-scale.js'),
  'cold-start': () => import('./cold-start.js'),
  'web-latency': () => import('./web-latency.js'),
  bundles: () => import('./bundles.js'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in modules));
if (unknown.length > 0) {
  console.error(`No bench module ${unknown.join(', ')}; there are: ${Object.keys(modules).join(', ')}`);
  process.exit(1);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(modules)) await (await modules[name]!()).run();
