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
  let out = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
  if (HAN.test(out)) out = simplify(out);
  return out
    .replace(SEPARATORS, (_, kept?: string, dropped?: string) => kept ?? (dropped ? '' : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
