import type { DayAggregate, Durations } from './day-aggregate.js';

/** Where a report's days come from and how its numbers are judged. */
export interface ReportOptions {
  from: string;
  to: string;
  timeZone: string;
  /** The first-response target in seconds (FRONTDESK_SLA_SECONDS). */
  slaSeconds: number;
}

const TOP_FAQ = 10;

/** `part / whole`, or null when there is nothing to divide. */
const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The nearest-rank percentile of sorted values: always one of the observed values; null for none. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function sum(days: DayAggregate[], pick: (day: DayAggregate) => number): number {
  return days.reduce((total, day) => total + pick(day), 0);
}

function addCounts<T>(items: T[], pick: (item: T) => Record<string, number>) {
  const total: Record<string, number> = {};
  for (const item of items)
    for (const [key, n] of Object.entries(pick(item))) total[key] = (total[key] ?? 0) + n;
  return total;
}

function durations(days: DayAggregate[], pick: (day: DayAggregate) => Durations) {
  const wall = days.flatMap((day) => pick(day).wall).sort((a, b) => a - b);
  const staffed = days.flatMap((day) => pick(day).staffed).sort((a, b) => a - b);
  const summary = {
    count: wall.length,
    median: percentile(wall, 0.5),
    p90: percentile(wall, 0.9),
    staffedMedian: percentile(staffed, 0.5),
    staffedP90: percentile(staffed, 0.9),
  };
  return { summary, staffed };
}

/**
 * The report of docs/admin-api.md over the range's days (one aggregate per day, oldest first). `topFaq` names
 * each entry by its id; the caller puts in the entries' questions.
 */
export function buildReport(days: DayAggregate[], options: ReportOptions) {
  const questions = sum(days, (d) => d.questions);
  const answered = sum(days, (d) => d.answered);
  const suggested = sum(days, (d) => d.suggested);
  const suggestionClicks = sum(days, (d) => d.suggestionClicks);
  const conversations = sum(days, (d) => d.conversations);
  const handoffs = sum(days, (d) => d.handoffs);
  const first = durations(days, (d) => d.firstResponse);
  const withinTarget = first.staffed.filter((seconds) => seconds <= options.slaSeconds).length;
  const csat = [0, 1, 2, 3, 4].map((i) => sum(days, (d) => d.csat[i] ?? 0));
  const rated = csat.reduce((a, b) => a + b, 0);
  const faqCounts = addCounts(
    days.flatMap((d) => Object.values(d.faq)),
    (counts) => counts,
  );
  return {
    from: options.from,
    to: options.to,
    timeZone: options.timeZone,
    totals: {
      conversations,
      messages: sum(days, (d) => d.messages),
      questions,
      answered,
      answerRate: rate(answered, questions),
      suggested,
      suggestionClicks,
      suggestionClickRate: rate(suggestionClicks, suggested),
      handoffs,
      handoffRate: rate(handoffs, conversations),
      feedbackUp: sum(days, (d) => d.feedbackUp),
      feedbackDown: sum(days, (d) => d.feedbackDown),
    },
    tickets: {
      byKind: {
        transfer: sum(days, (d) => d.ticketsByKind.transfer),
        message: sum(days, (d) => d.ticketsByKind.message),
      },
      byChannel: addCounts(days, (d) => d.ticketsByChannel),
    },
    conversationsByChannel: addCounts(days, (d) => d.conversationsByChannel),
    firstResponse: {
      ...first.summary,
      target: options.slaSeconds,
      // Counted in staffed time: a message left at night is not late before anyone is on duty.
      slaMet: rate(withinTarget, first.summary.count),
    },
    resolution: durations(days, (d) => d.resolution).summary,
    csat: {
      count: rated,
      average: rate(
        csat.reduce((total, n, i) => total + n * (i + 1), 0),
        rated,
      ),
      distribution: Object.fromEntries(csat.map((n, i) => [String(i + 1), n])),
    },
    topFaq: Object.entries(faqCounts)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, TOP_FAQ)
      .map(([id, count]) => ({ id, question: id, count })),
    heatmap: Array.from({ length: 7 }, (_, weekday) =>
      Array.from({ length: 24 }, (_, hour) => sum(days, (d) => d.heatmap[weekday]?.[hour] ?? 0)),
    ),
    daily: days.map((d) => ({
      date: d.date,
      conversations: d.conversations,
      questions: d.questions,
      answered: d.answered,
      answerRate: rate(d.answered, d.questions),
      handoffs: d.handoffs,
    })),
  };
}

/** A report as buildReport makes it. */
export type Report = ReturnType<typeof buildReport>;
