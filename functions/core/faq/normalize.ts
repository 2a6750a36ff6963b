import { createRequire } from 'node:module';

// Taiwan and Hong Kong variants differ in a few characters, so both converters run; each leaves
// simplified text untouched, which makes the pair safe to apply to any Chinese input. The package (mostly its
// dictionaries) is loaded on the first Chinese text, not at import, to keep Lambda cold starts short: the bare
// require() is what esbuild bundles and evaluates only when called; outside a bundle one is made.
let toSimplified: ((text: string) => string) | undefined;
const simplify = (text: string) => {
  if (!toSimplified) {
    const OpenCC: typeof import('opencc-js/t2cn') =
      typeof require === 'function'
        ? require('opencc-js/t2cn')
        : createRequire(import.meta.url)('opencc-js/t2cn');
    const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
    toSimplified = (t) => fromHongKong(fromTaiwan(t));
  }
  return toSimplified(text);
};

const HAN = /\p{Script=Han}/u;
// Curly quotes and primes are how phones type apostrophes; NFKC leaves them alone.
const APOSTROPHES = /[\u2018\u2019\u02bc\u2032`]/g;
// Anything that is not a letter, mark, digit or whitespace becomes a space, except an apostrophe inside a
// word ("don't") and a decimal point inside a number ("12.5"); thousands separators vanish ("1,000" = "1000").
const SEPARATORS =
  /((?<=\p{L})'(?=\p{L})|(?<=\p{N})\.(?=\p{N}))|((?<=\p{N}),(?=\p{N}{3}))|[^\p{L}\p{M}\p{N}\s]/gu;

/** Folds width, case, script variant and punctuation so equal questions compare equal as plain text. */
export function normalizeText(text: string): string {
  return normalizeTexts([text])[0]!;
}

// Joins the Chinese texts of a batch for one pass of the converters, which costs a fraction of a pass per text.
// No dictionary entry holds it, so no conversion reaches across it.
const JOIN = '\u0000';

/** {@link normalizeText} of many texts; an index build normalizes its phrasings in one batch. */
export function normalizeTexts(texts: readonly string[]): string[] {
  const out = new Array<string>(texts.length);
  const chinese: number[] = [];
  texts.forEach((text, k) => {
    let bare: string;
    if (isPlain(text)) out[k] = text.toLowerCase();
    // A question mark or two at the end is all that keeps many English questions from being plain.
    else if (isPlain((bare = withoutEndPunctuation(text)))) out[k] = bare.toLowerCase();
    else if (isAscii(text)) out[k] = normalizeAscii(text.toLowerCase());
    else if (HAN.test((out[k] = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'"))))
      chinese.push(k);
    else out[k] = fold(out[k]!);
  });
  if (chinese.length === 0) return out;
  const joined = chinese.map((k) => out[k]!);
  const simplified = joined.some((text) => text.includes(JOIN))
    ? joined.map(simplify)
    : simplify(joined.join(JOIN)).split(JOIN);
  chinese.forEach((k, at) => (out[k] = fold(simplified[at]!)));
  return out;
}

// Punctuation to single spaces, thousands separators out, and whitespace folded.
const fold = (text: string) =>
  text
    .replace(SEPARATORS, (_, kept?: string, dropped?: string) => kept ?? (dropped ? '' : ' '))
    .replace(/\s+/g, ' ')
    .trim();

// ASCII letters and digits in words parted by single spaces: every rule above leaves such text as it is, but
// lower case, and half the phrasings of an English FAQ look like that.
function isPlain(text: string): boolean {
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const letter = code | 32; // A-Z → a-z
    if (code === 32) {
      if (space) return false;
      space = true;
    } else if ((letter >= 97 && letter <= 122) || (code >= 48 && code <= 57)) {
      space = false;
    } else {
      return false;
    }
  }
  return !space;
}

// ASCII punctuation: every rule above turns it into a space, or drops it, at the end of a text.
const isPunctuation = (code: number) =>
  (code >= 33 && code <= 47) ||
  (code >= 58 && code <= 64) ||
  (code >= 91 && code <= 96) ||
  (code >= 123 && code <= 126);

function withoutEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && isPunctuation(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

const isAscii = (text: string) => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
};
const isLetter = (code: number) => code >= 97 && code <= 122;
const isDigit = (code: number) => code >= 48 && code <= 57;

// The rules above for lower-case ASCII, in one scan (NFKC and the Chinese converter leave ASCII as it is):
// letters and digits are kept, an apostrophe between letters and a decimal point between digits too, a thousands
// separator vanishes, and any other run of characters becomes one space between words. The kept char codes go
// into one reused buffer, made a string once: pieces joined one by one would leave a string that every later
// scan (the split into words among them) has to flatten first, and an array emptied for each text would grow
// its storage anew each time.
let codes = Buffer.alloc(256);
function normalizeAscii(s: string): string {
  const n = s.length;
  if (codes.length < n) codes = Buffer.alloc(2 * n);
  let kept = 0;
  let gap = false; // a separator was seen since the last kept character
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let keep: boolean;
    if (isLetter(c) || isDigit(c)) keep = true;
    else if (c === 39 || c === 96)
      keep = i > 0 && i + 1 < n && isLetter(s.charCodeAt(i - 1)) && isLetter(s.charCodeAt(i + 1));
    else if (c === 46)
      keep = i > 0 && i + 1 < n && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1));
    else if (
      c === 44 &&
      i > 0 &&
      i + 3 < n &&
      isDigit(s.charCodeAt(i - 1)) &&
      isDigit(s.charCodeAt(i + 1)) &&
      isDigit(s.charCodeAt(i + 2)) &&
      isDigit(s.charCodeAt(i + 3))
    )
      continue; // a thousands separator: the digits on both sides join
    else keep = false;
    if (!keep) {
      gap = true;
      continue;
    }
    if (gap && kept > 0) codes[kept++] = 32;
    gap = false;
    codes[kept++] = c === 96 ? 39 : c;
  }
  return codes.toString('latin1', 0, kept);
}
