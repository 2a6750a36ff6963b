import { cpSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { VENDOR_FILES } from '../functions/api/vendor-files.js';

/**
 * How every Lambda function is bundled: the one source for the CDK stack (lib/functions.ts), the bundle tests and
 * `npm run bench`, so what is tested and measured is what CDK uploads.
 */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

// Bundled CommonJS packages call require() and read __dirname (jieba-wasm loads its .wasm that way); an ES module
// has neither, so the bundle defines them first.
const ESM_SHIM =
  "import{createRequire as __frontdeskRequire}from'node:module';" +
  'const require=__frontdeskRequire(import.meta.url),__filename=import.meta.filename,__dirname=import.meta.dirname;';

/** esbuild settings shared by every function; the AWS SDK is bundled too, so its version is the one we test. */
export const ESBUILD_SETTINGS = {
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: ESM_SHIM,
  external: [] as string[],
} as const;

/** NODE_OPTIONS of every function: stack traces point into the TypeScript sources through the shipped maps. */
export const RUNTIME_NODE_OPTIONS = '--enable-source-maps';

const require = createRequire(import.meta.url);
const JIEBA_WASM = join(dirname(require.resolve('jieba-wasm')), 'jieba_rs_wasm_bg.wasm');
const UI_FILES = readdirSync(join(PROJECT_ROOT, 'ui'))
  .filter((name) => /\.(html|js|css)$/.test(name))
  .map((name) => ({ from: join(PROJECT_ROOT, 'ui', name), to: join('ui', name) }));
// The admin page's browser libraries, served at /admin/vendor/NAME from ui/vendor/ in the bundle.
const VENDOR = Object.entries(VENDOR_FILES).map(([name, file]) => ({
  from: require.resolve(file.module),
  to: join('ui', 'vendor', name),
}));
const JIEBA = [{ from: JIEBA_WASM, to: 'jieba_rs_wasm_bg.wasm' }];

/** A file a function reads at runtime, copied next to its bundle (`to` is relative to the bundle directory). */
export interface RuntimeFile {
  from: string;
  to: string;
}

/** Every Lambda entry point: its source, relative to the project root, and the files it reads at runtime. */
export const FUNCTIONS = {
  api: { entry: 'functions/api/handler.ts', files: [...UI_FILES, ...VENDOR, ...JIEBA] },
  inbound: { entry: 'functions/workers/inbound-handler.ts', files: JIEBA },
  tickets: { entry: 'functions/workers/tickets-handler.ts', files: JIEBA },
  delivery: { entry: 'functions/workers/delivery-handler.ts', files: JIEBA },
  schedule: { entry: 'functions/schedule/handler.ts', files: JIEBA },
  live: { entry: 'functions/live/handler.ts', files: [] },
  botframework: { entry: 'functions/botframework/handler.ts', files: JIEBA },
} satisfies Record<string, { entry: string; files: RuntimeFile[] }>;

/** The name of a Lambda function of frontdesk. */
export type FunctionName = keyof typeof FUNCTIONS;

/** The esbuild API options equal to what CDK's NodejsFunction passes on esbuild's command line. */
export function esbuildOptions(name: FunctionName, outdir: string): BuildOptions {
  const { banner, external, ...settings } = ESBUILD_SETTINGS;
  return {
    ...settings,
    mainFields: [...settings.mainFields],
    entryPoints: [join(PROJECT_ROOT, FUNCTIONS[name].entry)],
    outfile: join(outdir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    banner: { js: banner },
    external: [...external],
    absWorkingDir: PROJECT_ROOT,
    metafile: true,
    logLevel: 'silent',
  };
}

/** Copies a function's runtime files next to its bundle (what the stack's afterBundling hook does). */
export function copyRuntimeFiles(name: FunctionName, outdir: string): void {
  for (const file of FUNCTIONS[name].files) cpSync(file.from, join(outdir, file.to));
}

/** The afterBundling shell commands that copy a function's runtime files into CDK's asset directory. */
export function copyCommands(name: FunctionName, outputDir: string): string[] {
  const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  return FUNCTIONS[name].files.map(({ from, to }) => {
    const target = join(outputDir, to);
    return `mkdir -p ${quote(dirname(target))} && cp ${quote(from)} ${quote(target)}`;
  });
}
