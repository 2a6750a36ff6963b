import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, FUNCTIONS, type FunctionName } from '../../lib/bundle-options.js';

// Wechaty pulls in puppets, protobufs and process-wide error handlers: it belongs to the bridge process only.
// Packages are left external, so the check walks frontdesk's own import graph and sees any import of one.
describe('the Wechaty bridge', () => {
  it.each(Object.keys(FUNCTIONS) as FunctionName[])('stays out of the %s Lambda bundle', async (name) => {
    const options = { ...esbuildOptions(name, '/nonexistent'), write: false, packages: 'external' as const };
    const { metafile } = await build({ ...options, minify: false, sourcemap: false });
    const inputs = Object.entries(metafile!.inputs);
    expect(inputs.map(([path]) => path).filter((path) => /(^|\/)bridges\//.test(path))).toEqual([]);
    const imports = inputs.flatMap(([, input]) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => /^wechaty/.test(path))).toEqual([]);
    expect(imports).toContain('zod'); // the graph was walked
  });
});
