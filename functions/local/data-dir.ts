import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * Makes the data dir private to this user: the dir and every dir in it 700, every file 600 (dynalite's files hold
 * transcripts and token hashes; secrets.json the signing secret), also for a dir an older version made 755/644.
 * Files the stores create later get the same modes through the umask, which this process sets for itself
 * (Node allows that on the main thread only; worker threads keep the inherited one).
 */
export function secureDataDir(dataDir: string): void {
  if (isMainThread) process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrict(dataDir);
}

function restrict(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restrict(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
