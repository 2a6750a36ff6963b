import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions, FUNCTIONS, type FunctionName } from '../../lib/bundle-options.js';
import { buildBundle } from '../functions/lambda/bundle.js';
import { type Synthesized, synth } from './synth.js';

// The one synth in the suite that really bundles: CDK runs the local esbuild (no Docker) for each function.
let app: Synthesized;
beforeAll(() => {
  app = synth({ 'frontdesk:regions': ['us-east-1'] }, { bundle: true });
  afterAll(() => app?.remove());
}, 120_000);

/** The directory CDK staged as the function's code asset (`asset.<hash>`, uploaded as `<hash>.zip`). */
function assetDir(name: FunctionName): string {
  const resources = app.templates['us-east-1']!.findResources('AWS::Lambda::Function');
  const [, fn] = Object.entries(resources).find(([id]) =>
    new RegExp(`^functions${name}[0-9A-F]{8}$`).test(id),
  )!;
  const key = fn.Properties.Code.S3Key as string;
  return join(app.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
}

describe('CDK bundling', () => {
  it.each(Object.keys(FUNCTIONS) as FunctionName[])(
    'stages %s as a minified ESM bundle with its source map and runtime files',
    (name) => {
      const dir = assetDir(name);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code).toMatch(/^import\{createRequire/);
      expect(code).toContain('//# sourceMappingURL=index.mjs.map');
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      for (const file of FUNCTIONS[name].files) expect(existsSync(join(dir, file.to)), file.to).toBe(true);
      // Loading proves the staged directory is complete (a missing runtime file fails at import).
      const load = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)}); if (typeof handler !== 'function') process.exit(2);`;
      execFileSync(process.execPath, ['--input-type=module', '-e', load], {
        env: { PATH: process.env.PATH },
      });
    },
  );

  it('stages for the api byte for byte what the shared esbuild options build (what the bundle tests run)', async () => {
    const direct = await buildBundle('api');
    expect(readFileSync(join(assetDir('api'), 'index.mjs'))).toEqual(readFileSync(join(direct, 'index.mjs')));
    rmSync(direct, { recursive: true, force: true });
  });

  it('keeps libraries only one channel needs (botbuilder, wechaty) out of the api bundle', async () => {
    const { metafile } = await build({ ...esbuildOptions('api', tmpdir()), write: false });
    const inputs = Object.keys(metafile!.inputs);
    expect(inputs.filter((path) => /node_modules\/(botbuilder|botframework|wechaty)/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.includes('node_modules/jieba-wasm/'))).toBe(true);
  });
});
