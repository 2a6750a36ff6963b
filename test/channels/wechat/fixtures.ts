import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const DIR = join(import.meta.dirname, '../../fixtures/platform/wechat');

/** A fixture file of test/fixtures/platform/wechat, byte for byte. */
export const fixtureText = (name: string) => readFileSync(join(DIR, name), 'utf8');

/** A JSON fixture of test/fixtures/platform/wechat. */
export const fixtureJson = (name: string) => JSON.parse(fixtureText(name));

const Vectors = z.object({
  vectors: z.array(
    z.object({
      id: z.string(),
      inputs: z.record(z.string(), z.string()),
      expected: z.record(z.string(), z.string()),
    }),
  ),
});

/** One of the official vectors in vectors.json, by id. */
export function vector(id: string) {
  const found = Vectors.parse(fixtureJson('vectors.json')).vectors.find((v) => v.id === id);
  if (!found) throw new Error(`no vector ${id}`);
  return found;
}
