import { stringify } from 'csv-stringify/sync';
import type { TranscriptEntry } from '../conversations.js';

/** A transcript as a file: one JSON object a line, or CSV with the time, who spoke and what was said. */
export function transcriptFile(lines: TranscriptEntry[], format: 'jsonl' | 'csv'): string {
  if (format === 'jsonl')
    return lines
      .map(({ at, role, agentName, text, choices }) =>
        JSON.stringify({ at: new Date(at).toISOString(), role, agentName, text, choices }),
      )
      .map((line) => `${line}\n`)
      .join('');
  // Customers' words must not become spreadsheet formulas (see report-csv.ts).
  return stringify(
    [
      ['at', 'role', 'agent', 'text', 'choices'],
      ...lines.map((l) => [
        new Date(l.at).toISOString(),
        l.role,
        l.agentName ?? '',
        l.text,
        (l.choices ?? []).map((choice) => choice.label).join(' | '),
      ]),
    ],
    { escape_formulas: true },
  );
}
