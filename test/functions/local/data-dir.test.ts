import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocal } from '../../../functions/local/start-local.js';

/** Every path under `dir` (itself included) with its permission bits. */
function modes(dir: string): Record<string, number> {
  const found: Record<string, number> = { [dir]: statSync(dir).mode & 0o777 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    found[path] = statSync(path).mode & 0o777;
  }
  return found;
}

describe('the local data dir', () => {
  it('is private to its user: dirs 700, files 600, also those dynalite writes and those of an older dir', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'frontdesk-perms-')), 'data');
    // A data dir as an older version left it: world-readable.
    mkdirSync(join(dataDir, 'dynamodb'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'old-notes.txt'), 'x', { mode: 0o644 });
    const runtime = await startLocal({ port: 0, dataDir, quiet: true, env: { FRONTDESK_HOURS: 'always' } });
    await runtime.services.conversations.save(
      await runtime.services.conversations.load(
        { channel: 'web', conversationId: 'perm', userId: 'perm' },
        'en',
      ),
      new Date(),
    );
    await runtime.stop();
    const found = modes(dataDir);
    const files = Object.entries(found).filter(([path]) => statSync(path).isFile());
    const dirs = Object.entries(found).filter(([path]) => statSync(path).isDirectory());
    expect(files.length).toBeGreaterThan(3);
    expect(files.map(([path]) => path)).toContain(join(dataDir, 'secrets.json'));
    expect(Object.fromEntries(files.filter(([, mode]) => mode !== 0o600))).toEqual({});
    expect(Object.fromEntries(dirs.filter(([, mode]) => mode !== 0o700))).toEqual({});
  });
});
