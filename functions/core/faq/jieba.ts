import { createRequire } from 'node:module';

type Jieba = typeof import('jieba-wasm');
let loaded: Jieba | undefined;
// Words to add to the dictionary when jieba loads; once it has, words are added straight away.
const pending = new Set<string>();
// How many times words were added: a segmentation made before an addition may not be what jieba gives now.
let additions = 0;

/**
 * jieba-wasm, loaded on first use: loading compiles its WebAssembly (the dictionary included), which would add
 * ~30 ms to every cold start, Chinese or not. The bare require() is what esbuild bundles and evaluates only when
 * called; outside a bundle an ES module has no require, so one is made.
 */
export function jieba(): Jieba {
  if (loaded) return loaded;
  loaded =
    typeof require === 'function' ? require('jieba-wasm') : createRequire(import.meta.url)('jieba-wasm');
  for (const word of pending) loaded!.add_word(word);
  pending.clear();
  return loaded!;
}

/** Adds words to jieba's process-wide dictionary before it segments anything, without loading it for that. */
export function addJiebaWords(words: Iterable<string>): void {
  for (const word of words) {
    if (loaded) loaded.add_word(word);
    else pending.add(word);
    additions++;
  }
}

/** Changes whenever words are added to jieba's dictionary, so that segmentations kept from before are dropped. */
export function jiebaDictionaryVersion(): number {
  return additions;
}
