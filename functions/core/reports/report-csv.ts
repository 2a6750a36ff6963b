import { stringify } from 'csv-stringify/sync';
import { WEEKDAYS } from '../hours/hours-config.js';
import type { Ticket } from '../ticket.js';
import type { Report } from './report.js';

/** The tables a report exports. */
export const REPORT_TABLES = ['daily', 'channels', 'top-faq', 'heatmap', 'csat', 'tickets'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

// Customers' words end up in these cells: a leading "=" or "+" must not become a spreadsheet formula (OWASP, CSV
// injection), so such cells get a leading quote.
const csv = (header: string[], rows: unknown[][]) =>
  stringify([header, ...rows.map((row) => row.map((cell) => cell ?? ''))], { escape_formulas: true });
const seconds = (from: number, to?: number) => (to === undefined ? '' : (to - from) / 1000);

/** One table of a report as CSV with a header row; empty cells for rates with nothing to divide. */
export function reportCsv(report: Report, table: ReportTable, tickets: Ticket[]): string {
  switch (table) {
    case 'daily':
      return csv(
        ['date', 'conversations', 'questions', 'answered', 'answerRate', 'handoffs'],
        report.daily.map((d) => [d.date, d.conversations, d.questions, d.answered, d.answerRate, d.handoffs]),
      );
    case 'channels': {
      const names = [
        ...new Set([...Object.keys(report.conversationsByChannel), ...Object.keys(report.tickets.byChannel)]),
      ].sort();
      return csv(
        ['channel', 'conversations', 'tickets'],
        names.map((n) => [n, report.conversationsByChannel[n] ?? 0, report.tickets.byChannel[n] ?? 0]),
      );
    }
    case 'top-faq':
      return csv(
        ['id', 'question', 'count'],
        report.topFaq.map((f) => [f.id, f.question, f.count]),
      );
    case 'heatmap':
      return csv(
        ['weekday', ...Array.from({ length: 24 }, (_, h) => String(h))],
        report.heatmap.map((hours, i) => [WEEKDAYS[i], ...hours]),
      );
    case 'csat':
      return csv(
        ['score', 'count'],
        Object.entries(report.csat.distribution).map(([score, n]) => [score, n]),
      );
    case 'tickets':
      return csv(
        [
          'id',
          'kind',
          'status',
          'channel',
          'createdAt',
          'agent',
          'firstResponseSeconds',
          'resolutionSeconds',
          'csat',
        ],
        tickets.map((t) => [
          t.id,
          t.kind,
          t.status,
          t.ref.channel,
          new Date(t.createdAt).toISOString(),
          t.agentName,
          seconds(t.createdAt, t.firstResponseAt),
          t.status === 'resolved' ? seconds(t.createdAt, t.closedAt) : '',
          t.csat,
        ]),
      );
  }
}
