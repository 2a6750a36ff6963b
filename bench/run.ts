// Runs every benchmark module in turn; each prints its own markdown table. Add a module to the list.
const modules: Array<() => Promise<{ run: () => Promise<void> }>> = [
  () => import('./faq-match.js'),
  () => import('./faq-scale.js'),
  () => import('./cold-start.js'),
  () => import('./web-latency.js'),
  () => import('./bundles.js'),
];

for (const load of modules) await (await load()).run();
