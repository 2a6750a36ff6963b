import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFaqFileError, parseFaqFile } from '../core/faq/faq-file.js';
import type { Services } from '../services.js';

/**
 * Fills an empty deployment with the demo: the bilingual shop FAQ, the shop's hours and one agent. What exists is
 * kept, so a restart changes nothing. Returns the demo agent's token (kept in the data dir, for local use only).
 */
export async function seedDemo(
  services: Services,
  options: { dataDir: string; root: string; log: (line: string) => void },
): Promise<string> {
  const { entries } = await services.faqStore.snapshot();
  if (entries.length === 0) {
    const file = join(options.root, 'data', 'demo-faq.jsonl');
    const parsed = parseFaqFile(readFileSync(file), { format: 'jsonl' });
    if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.map(describeFaqFileError).join('; ')}`);
    await services.faqStore.import(parsed.entries, { mode: 'replace' });
    options.log(`loaded the demo FAQ (${parsed.entries.length} entries)`);
  }
  if (!(await services.hours.isSet())) {
    await services.hours.set(JSON.parse(readFileSync(join(options.root, 'data', 'demo-hours.json'), 'utf8')));
    options.log('loaded the demo staffed hours (data/demo-hours.json)');
  }
  const tokenFile = join(options.dataDir, 'demo-agent-token');
  const saved = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '';
  if (saved && (await services.agents.authenticate(saved))) return saved;
  const { token } = await services.agents.add('Demo Agent', { canPublish: true });
  writeFileSync(tokenFile, token, { mode: 0o600 });
  return token;
}
