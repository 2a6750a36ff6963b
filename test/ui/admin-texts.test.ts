/**
 * The admin page is bilingual: every English text it shows (in the markup, or passed to t() in a section
 * script) has its Chinese in ui/admin-i18n.js, and the dictionary keeps no text the page no longer uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const UI = new URL('../../ui/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, UI), 'utf8');
const scripts = readdirSync(UI).filter((name) => /^admin(-(?!i18n)[a-z-]+)?\.js$/.test(name));

/** The dictionary, by running admin-i18n.js against a bare window. */
function dictionary(): Record<string, string> {
  const window = { FD: {} as { zh?: Record<string, string> } };
  runInNewContext(read('admin-i18n.js'), { window });
  return window.FD.zh!;
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();

/** Every English text the page can show. */
function usedTexts(): Set<string> {
  const used = new Set<string>();
  const html = read('admin.html');
  for (const [, text] of html.matchAll(/<\w+[^>]*\sdata-t(?:\s[^>]*)?>([^<]+)</g))
    used.add(unescapeHtml(text!));
  for (const [, text] of html.matchAll(/data-t-(?:placeholder|aria-label|title)="([^"]+)"/g))
    used.add(unescapeHtml(text!));
  for (const name of scripts) {
    const code = read(name);
    for (const [, text] of code.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)+)'/g)) used.add(text!);
    for (const [, text] of code.matchAll(/'data-t': '((?:[^'\\]|\\.)+)'/g)) used.add(text!);
    // Lookup tables whose values go through t() (day names, queue names, bands, reasons).
    for (const [, table] of code.matchAll(/const [A-Z_]+ = \{([^}]*)\};/g))
      for (const [, text] of table!.matchAll(/:\s*'([^']+)'/g)) used.add(text!);
  }
  return used;
}

describe('the admin page texts', () => {
  it('has a Chinese text for every English one', () => {
    const zh = dictionary();
    const missing = [...usedTexts()].filter((text) => !(text in zh) && !/^\P{L}+$/u.test(text));
    expect(missing).toEqual([]);
  });

  it('keeps no Chinese text for an English one the page no longer shows', () => {
    const used = usedTexts();
    expect(Object.keys(dictionary()).filter((text) => !used.has(text))).toEqual([]);
  });
});
