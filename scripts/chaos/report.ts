/** A progress line on stderr, so a run of many minutes shows where it is (the table goes to stdout). */
export function progress(line: string): void {
  console.error(`chaos ${new Date().toISOString().slice(11, 19)}  ${line}`);
}

/** One line of the fault table: what was sent, what frontdesk acknowledged, and what of that was lost. */
export interface Row {
  fault: string;
  sent: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  note?: string;
}

/** The table, as Markdown so it can be pasted into an issue. */
export function printTable(rows: Row[]): void {
  const lines = [
    '| fault | sent | acknowledged | lost | duplicated | note |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.fault} | ${r.sent} | ${r.acknowledged} | ${r.lost} | ${r.duplicated} | ${r.note ?? ''} |`,
    ),
  ];
  console.log(lines.join('\n'));
}
