import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI as users run it (`npm run frontdesk -- …` is `tsx bin/frontdesk.ts …`), each command in its own process,
// on an embedded store in a fresh data dir.
const tsx = join('node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-'));

function cli(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      tsx,
      ['bin/frontdesk.ts', ...args],
      { env: { ...process.env, FRONTDESK_DATA_DIR: dataDir }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });
}

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('frontdesk CLI', () => {
  it('batch-tests questions against an FAQ file: one JSONL prediction per input line', async () => {
    const input = [
      '{"text":"how much is shipping"}',
      '',
      '{"text":"退款多久到账"}',
      '{"text":"qwxz plorb vented"}',
    ].join('\n');
    const { code, stdout } = await cli(['faq', 'match', '--faq', 'data/demo-faq.jsonl'], input);
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out.map((o) => o.text)).toEqual(['how much is shipping', '退款多久到账', 'qwxz plorb vented']);
    expect(out.map((o) => o.predicted)).toEqual(['shipping-cost.en', 'refund-time.zh', null]);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['text', 'predicted', 'score', 'suggestions']);
      expect(o.score).toBeGreaterThanOrEqual(0);
      expect(o.score).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a bad FAQ file whole, naming every bad line, and imports nothing', async () => {
    const bad = join(dataDir, 'bad.jsonl');
    writeFileSync(
      bad,
      [
        '{"id":"a","questions":["q"],"answer":"x"}',
        '{"id":"b","questions":[],"answer":"y"}',
        'not json',
      ].join('\n'),
    );
    const { code, stderr } = await cli(['faq', 'import', bad]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 2: .*question/);
    expect(stderr).toMatch(/line 3: /);
    expect((await cli(['faq', 'export'])).stdout).toBe('');
  });

  it('imports a file and exports it back exactly, in JSONL and CSV', async () => {
    const imported = await cli(['faq', 'import', 'test/fixtures/faq/canonical.jsonl', '--replace']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/imported \d+ entries/);
    expect((await cli(['faq', 'export'])).stdout).toBe(
      readFileSync('test/fixtures/faq/canonical.jsonl', 'utf8'),
    );
    expect((await cli(['faq', 'export', '--format', 'csv'])).stdout).toBe(
      readFileSync('test/fixtures/faq/canonical.csv', 'utf8'),
    );
  });

  it('creates an agent and prints its token', async () => {
    const { code, stdout } = await cli(['agents', 'add', 'Mei']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/fd_[0-9a-f]{8}_[\w-]{32}/);
    expect((await cli(['agents', 'list'])).stdout).toMatch(/Mei/);
  });

  it('applies valid hours and explains what is wrong with invalid ones', async () => {
    expect((await cli(['hours', 'set', 'data/demo-hours.json'])).stdout).toMatch(/Asia\/Shanghai/);
    const bad = join(dataDir, 'hours.json');
    writeFileSync(bad, JSON.stringify({ timeZone: 'Asia/Shangai', weekly: { mon: [['09:00', '25:00']] } }));
    const { code, stderr } = await cli(['hours', 'set', bad]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/timeZone/);
  });

  it('lists every command in --help', async () => {
    const { stdout } = await cli(['--help']);
    for (const command of ['faq', 'agents', 'hours', 'dlq']) expect(stdout).toContain(command);
  });
});
