import type { Lang } from '../faq/entry.js';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** The language to answer in: Chinese if the text has Han characters, English if it has Latin letters only. */
export function detectLang(text: string, fallback: Lang): Lang {
  if (HAN.test(text)) return 'zh';
  if (LATIN.test(text)) return 'en';
  return fallback;
}
