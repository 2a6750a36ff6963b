import { spawnSync } from 'node:child_process';

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
if (wanted.length === 1) {
  await (await modules[wanted[0]!]!()).run();
} else {
  // Each module in a process of its own: what one leaves on the heap (node-nlp's training, say) would slow the
  // next one's collections, and the snapshot load most of all.
  for (const name of wanted.length > 0 ? wanted : Object.keys(modules)) {
    const { status } = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, name], {
      stdio: 'inherit',
    });
    if (status !== 0) process.exit(status ?? 1);
  }
}
