import { addJiebaWords } from './jieba.js';
import { normalizeTexts } from './normalize.js';
import { SegmentCache, segmentCached } from './segment-cache.js';
import { segmentChinese, type Word } from './tokenize.js';

/**
 * Support vocabulary that customers and FAQ authors word differently; the words of a group count as one.
 * Only true equivalents belong here: near neighbours ("fee" and "price") must stay apart or questions
 * that differ by exactly that word would collapse into one.
 */
export const DEFAULT_SYNONYMS: readonly (readonly string[])[] = [
  ['refund', 'reimburse', 'reimbursement', 'money back'],
  ['cancel', 'cancellation', 'call off'],
  ['deliver', 'delivery', 'ship', 'shipping', 'shipment'],
  ['login', 'log in', 'log on', 'logon', 'sign in', 'signin'],
  ['signup', 'sign up', 'register', 'registration'],
  ['email', 'e mail'],
  ['password', 'passcode', 'passwd'],
  ['phone', 'mobile', 'cellphone', 'cell phone'],
  ['agent', 'human', 'representative', 'real person', 'live person'],
  ['price', 'cost'],
  ['buy', 'purchase'],
  ['退款', '退钱', '退费'],
  ['快递', '物流'],
  ['发货', '寄出', '出货'],
  ['发错', '送错', '寄错'],
  ['账号', '帐号', '账户', '帐户'],
  ['登录', '登陆'],
  ['怎么', '如何', '怎样', '咋'],
  ['为什么', '为何', '怎么会'],
  ['价格', '价钱', '多少钱'],
  ['客服', '人工', '人工客服'],
  ['优惠券', '优惠劵', '代金券'],
];

/** Rewrites every synonym in a word sequence to one representative of its group. */
export type SynonymRewriter = (words: Word[]) => Word[];

interface Rule {
  from: string[];
  to: Word[];
}

const HAN_WORD = /^\p{Script=Han}+$/u;
const HAN = /\p{Script=Han}/u;
// jieba's dictionary is process-wide and adding a word is not cheap, so each word is added once.
const addedWords = new Set<string>();

/**
 * Compiles synonym groups into a rewriter over segmented words, so a member matches whole words only
 * ("人工" does not fire inside "人工智能") and English members match every inflection ("shipped").
 * Groups that share a member merge, so a custom ["ship", "send"] joins the built-in delivery group.
 * Chinese members go into jieba's dictionary before it segments anything, so that jieba keeps them whole. That
 * dictionary is process-wide: an index built before another index added a word may segment a question slightly
 * differently from its phrasings, which its character n-grams absorb.
 *
 * Segmenting a Chinese member loads jieba (its WebAssembly takes over a second to compile), so the groups with
 * Chinese are compiled on the first words with Chinese in them. Words without Chinese get the same result from
 * the Latin groups alone: a Chinese member's words include a Chinese one, so its rules never fire on them, and
 * it shares no key with a Latin member. A group mixing the two could merge Latin members through a Chinese
 * one, so with such a group everything is compiled on first use.
 */
export function createSynonymRewriter(groups: ReadonlyArray<ReadonlyArray<string>>): SynonymRewriter {
  // One batch: the Chinese converter and jieba cost less per call than per member (an index build makes one).
  const flat = normalizeTexts(groups.flat());
  let at = 0;
  const normalized = groups.map((group) => group.map(() => flat[at++]!));
  const fresh = normalized.flat().filter((member) => HAN_WORD.test(member) && !addedWords.has(member));
  for (const word of fresh) addedWords.add(word);
  addJiebaWords(fresh);
  const hasHan = (group: readonly string[]) => group.some((member) => HAN.test(member));
  const mixed = normalized.some((group) => hasHan(group) && !group.every((member) => HAN.test(member)));
  const latin = mixed ? undefined : compile(normalized.filter((group) => !hasHan(group)));
  let full: SynonymRewriter | undefined;
  // A word has Chinese in it exactly when it is a jieba word: segment() gives Chinese chunks to jieba alone.
  return (words) => (latin && !words.some(isHan) ? latin(words) : (full ??= compile(normalized))(words));
}

// Made once, not per call: an index build rewrites every phrasing.
const isHan = (word: Word) => word.kind === 'han';

const HEAD_SLOTS = 128 * 32;
const headSlot = (text: string) => ((text.charCodeAt(0) & 127) << 5) | Math.min(text.length, 31);

function compile(groups: ReadonlyArray<ReadonlyArray<string>>): SynonymRewriter {
  const members = new Map<string, Word[]>();
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    const up = parent.get(key) ?? key;
    return up === key ? key : root(up);
  };
  const segments = new SegmentCache();
  segmentChinese(groups.flat(), segments);
  for (const group of groups) {
    let head: string | undefined;
    for (const member of group) {
      const words = segmentCached(member, segments);
      const key = words.map((word) => word.text).join(' ');
      if (key === '') continue;
      if (!members.has(key)) members.set(key, words);
      if (head === undefined) head = root(key);
      else if (root(key) !== head) parent.set(root(key), head);
    }
  }

  const rules = new Map<string, Rule[]>();
  for (const [key, words] of members) {
    const head = root(key);
    if (head === key) continue;
    const from = words.map((word) => word.text);
    const list = rules.get(from[0]!) ?? [];
    list.push({ from, to: members.get(head)! });
    rules.set(from[0]!, list);
  }
  // The longest member wins where two overlap ("人工客服" before "人工").
  for (const list of rules.values()) list.sort((a, b) => b.from.length - a.from.length);
  if (rules.size === 0) return (words) => words;
  // A word starts a rule only if some rule starts with a word of its first letter and length: one array read
  // rules most words out before the map is asked.
  const heads = new Uint8Array(HEAD_SLOTS);
  for (const head of rules.keys()) heads[headSlot(head)] = 1;
  const startsRule = (word: Word) => heads[headSlot(word.text)] === 1 && rules.has(word.text);

  return (words) => {
    // Most phrasings hold no synonym at all, and they are passed on as they are.
    if (!words.some(startsRule)) return words;
    const out: Word[] = [];
    for (let i = 0; i < words.length;) {
      const rule = rules
        .get(words[i]!.text)
        ?.find((r) => r.from.every((text, k) => words[i + k]?.text === text));
      if (rule) {
        out.push(...rule.to);
        i += rule.from.length;
      } else {
        out.push(words[i++]!);
      }
    }
    return out;
  };
}
