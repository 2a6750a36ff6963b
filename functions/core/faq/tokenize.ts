import { jieba } from './jieba.js';
import { stemmer } from 'stemmer';

/** One word of a question: a jieba word, a Porter stem or a number, with what the features need to know. */
export interface Word {
  text: string;
  kind: 'han' | 'latin' | 'number';
  stop: boolean;
  /** The word as typed (lower case), for English words; typo correction works on it, not on the stem. */
  surface?: string;
  /** Entity class from jieba's part-of-speech tag (place, person, organisation, time, numeral). */
  entity?: string;
  /** A Chinese common noun by jieba's part-of-speech tag (礼品, 卡), which can be part of a compound. */
  noun?: true;
  /** A Chinese pronoun by jieba's tag (怎么, 什么, 哪里): it shapes a question, it names no topic. */
  pronoun?: true;
}

/**
 * Prefixes of the derived terms; none survives normalization, so they never collide with a real word.
 * `chineseGram` marks character unigrams and bigrams, `letterGram` letter trigrams of English words.
 */
export const MARK = { entity: '@', chineseGram: '~', letterGram: '%' } as const;

// Function words only: question words ("how", "when", "why") and negations ("not") stay, because they
// separate support questions ("how do I cancel" vs "why was it cancelled", "card not working"). So do "you"
// and "your": the one asked about, the business or the bot, is not the asker ("what is your name" vs "what
// is my name", "do you have a return policy"). On the dev sets banking77 is up 1.7 points and clinc150 0.7;
// topic.ts keeps a question that shares nothing but "can you" with an entry from matching it.
const EN_STOP = new Set(
  (
    'a an the and or but if so of to in on at by for from with about into as than then this that these those ' +
    'is am are was were be been being do does did doing have has had having will would shall should may might ' +
    'must i me my mine myself we us our ours he him his she her hers it its they them their ' +
    'there here just also very really please pls plz some any'
  ).split(' '),
);

// Particles, pronouns and politeness that carry no topic.
const ZH_STOP = new Set(
  (
    '的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 哦 哈 么 啦 哪 我 你 您 他 她 它 我们 你们 他们 这 那 这个 那个 ' +
    '一下 请 请问 麻烦 是 和 与 及 就 都 也 还 个'
  ).split(' '),
);

// Place, person, organisation, other proper noun, time and numeral: the slots of a question. Their values
// vary from one asker to the next, but their presence says what kind of question it is ("flights to X").
const ENTITY_TAGS = new Set(['ns', 'nr', 'nrt', 'nt', 'nz', 't', 'm']);
// Common nouns, noun morphemes, noun phrases and verbal nouns (包装 in 礼品包装).
const NOUN_TAGS = new Set(['n', 'ng', 'nl', 'vn']);
// English contractions fold to their head word ("what's" → "what", "don't" → "do" + "not").
const CONTRACTION = /'(s|re|ve|ll|d|m|t)$/;
const HAN = /\p{Script=Han}/u;
const CHUNKS = /\p{Script=Han}+|[^\s\p{Script=Han}]+/gu;
const HAN_CHUNKS = /\p{Script=Han}+/gu;
const NUMBER = /^\p{N}+(\.\p{N}+)?$/u;

/**
 * Splits normalized text into words: jieba (with HMM, for unknown names) on Chinese, Porter stems elsewhere.
 * An index build segments through its cache instead (segmentCached in segment-cache.ts).
 */
export function segment(normalized: string): Word[] {
  return segmentChunks(chunksOf(normalized));
}

/** The chunks of normalized text: runs of Chinese characters, and runs of anything else but spaces. */
export const chunksOf = (text: string): string[] => text.match(CHUNKS) ?? [];

/**
 * Fills a segment cache with the Chinese chunks of many normalized texts in one call to jieba, which costs
 * a third less than a call per chunk (crossing into WebAssembly and back has its price). jieba segments each
 * run of Chinese characters on its own, so chunks joined by line breaks come back word for word as they do
 * one at a time.
 */
export function segmentChinese(texts: readonly string[], cache: Map<string, Word[]>): void {
  const chunks: string[] = [];
  for (const text of texts) {
    if (!HAN.test(text)) continue;
    for (const chunk of text.match(HAN_CHUNKS) ?? []) {
      if (cache.has(chunk)) continue;
      cache.set(chunk, []);
      chunks.push(chunk);
    }
  }
  if (chunks.length === 0) return;
  const words: Word[][] = [[]];
  for (const { word, tag } of jieba().tag(chunks.join('\n'), true)) {
    if (word === '\n') words.push([]);
    else words.at(-1)!.push(hanWord(word, tag));
  }
  // Should jieba ever join across a line break, each chunk is segmented on its own instead.
  chunks.forEach((chunk, k) =>
    cache.set(chunk, words.length === chunks.length ? words[k]! : segmentChunks([chunk])),
  );
}

// Every word has every field, in one order (undefined where it has none): an index build reads words of all kinds
// at the same few places, which stay fast only while the words share one shape.
const makeWord = (
  text: string,
  kind: Word['kind'],
  stop: boolean,
  surface?: string,
  entity?: string,
  noun?: true,
  pronoun?: true,
): Word => ({ text, kind, stop, surface, entity, noun, pronoun });

const hanWord = (text: string, pos: string): Word =>
  makeWord(
    text,
    'han',
    ZH_STOP.has(text),
    undefined,
    ENTITY_TAGS.has(pos) ? pos : undefined,
    NOUN_TAGS.has(pos) ? true : undefined,
    pos === 'r' ? true : undefined,
  );

/** An English word from its lower-case letters. */
export const latinWord = (head: string): Word => makeWord(stemmer(head), 'latin', EN_STOP.has(head), head);

/** The words of chunks, segmented one by one. */
export function segmentChunks(chunks: readonly string[]): Word[] {
  const words: Word[] = [];
  for (const chunk of chunks) {
    if (HAN.test(chunk)) {
      for (const { word, tag: pos } of jieba().tag(chunk, true)) words.push(hanWord(word, pos));
    } else if (NUMBER.test(chunk)) {
      words.push(makeWord(chunk, 'number', false, undefined, 'm'));
    } else {
      addLatin(chunk, words);
    }
  }
  return words;
}

function addLatin(raw: string, words: Word[]): void {
  const match = CONTRACTION.exec(raw);
  let head = match ? raw.slice(0, match.index) : raw.replace(/'/g, '');
  const negated = match?.[1] === 't' && head.endsWith('n');
  // "can't" keeps "can", "won't" is "will not", "isn't" drops the n of "not".
  if (negated) head = head === 'can' ? head : head === 'won' ? 'will' : head.slice(0, -1);
  if (head.length > 0) words.push(latinWord(head));
  if (negated) words.push(makeWord('not', 'latin', false));
}

/**
 * Turns words into index terms: content words and their entity classes; for each Chinese run (stop words
 * left out) its character unigrams and bigrams, the dictionary-free backbone of Chinese retrieval, so a
 * question that jieba segments differently from the FAQ phrasing still shares most of its terms; and for
 * English words their letter trigrams, so "veryfy" or "delivering" still overlap "verify" or "delivery".
 */
export function features(words: readonly Word[]): string[] {
  const terms: string[] = [];
  let run = '';
  for (const word of words) {
    if (word.kind !== 'han') run = flushRun(run, terms);
    if (word.stop) continue;
    terms.push(...wordTerms(word));
    if (word.kind === 'han') run += word.text;
  }
  flushRun(run, terms);
  return terms;
}

/** The terms one content word contributes by itself: the word, its entity class, its letter trigrams. */
export function wordTerms(word: Word): string[] {
  const terms = [word.text];
  if (word.entity) terms.push(MARK.entity + word.entity);
  if (word.surface !== undefined) {
    const padded = `<${word.surface}>`;
    for (let i = 0; i + 3 <= padded.length; i++) terms.push(MARK.letterGram + padded.slice(i, i + 3));
  }
  return terms;
}

/** Appends a Chinese run's character unigrams and bigrams to `terms`; returns the empty run. */
export function flushRun(run: string, terms: string[]): string {
  const chars = [...run];
  for (let i = 0; i < chars.length; i++) {
    terms.push(MARK.chineseGram + chars[i]);
    if (i + 1 < chars.length) terms.push(MARK.chineseGram + chars[i] + chars[i + 1]);
  }
  return '';
}

/** Normalized text → index terms. */
export function tokenize(normalized: string): string[] {
  return features(segment(normalized));
}
