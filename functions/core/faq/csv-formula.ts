/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - @, a tab or a carriage
 * return as a formula (`=HYPERLINK(...)` in an FAQ answer becomes a live link). Export prefixes such a cell with
 * a single quote, which spreadsheets show as text; a cell that already starts with a quote gets one more, so that
 * import can take exactly one off and `export` → `import` gives the same FAQ back.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The cell as it is written to CSV: a leading trigger or quote is escaped with one `'`. */
export function escapeFormula(cell: string): string {
  const first = cell[0];
  return first !== undefined && (TRIGGERS.has(first) || first === "'") ? `'${cell}` : cell;
}

/** The cell as it was before `escapeFormula`: one `'` is taken off when a trigger or another `'` follows it. */
export function unescapeFormula(cell: string): string {
  const second = cell[1];
  return cell[0] === "'" && second !== undefined && (TRIGGERS.has(second) || second === "'")
    ? cell.slice(1)
    : cell;
}
