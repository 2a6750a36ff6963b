import { createRequire } from 'node:module';

type Jieba = typeof import('jieba-wasm');
let loaded: Jieba | undefined;

/**
 * jieba-wasm, loaded on first use: loading compiles its WebAssembly (the dictionary included), which would add
 * ~30 ms to every cold start, Chinese or not. The bare require() is what esbuild bundles and evaluates only when
 * called; outside a bundle an ES module has no require, so one is made.
 */
export function jieba(): Jieba {
  loaded ??=
    typeof require === 'function' ? require('jieba-wasm') : createRequire(import.meta.url)('jieba-wasm');
  return loaded!;
}
