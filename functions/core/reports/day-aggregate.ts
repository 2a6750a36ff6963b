import { DateTime } from 'luxon';
import type { HoursConfig } from '../hours/hours-config.js';
import { staffedMs } from '../hours/staffed.js';
import type { ReportEvent } from './report-events.js';

/** Durations in seconds, in wall time and in staffed time only, in event order. */
export interface Durations {
  wall: number[];
  staffed: number[];
}

/** One local day of events, counted: what the roll-up stores and a report adds up. */
export interface DayAggregate {
  date: string;
  /** Conversations with at least one user message that day. */
  conversations: number;
  messages: number;
  questions: number;
  answered: number;
  suggested: number;
  suggestionClicks: number;
  handoffs: number;
  feedbackUp: number;
  feedbackDown: number;
  ticketsByKind: { transfer: number; message: number };
  ticketsByChannel: Record<string, number>;
  conversationsByChannel: Record<string, number>;
  firstResponse: Durations;
  resolution: Durations;
  /** Ratings 1..5: index 0 counts the 1s. */
  csat: number[];
  /** FAQ answers given (outright or picked from suggestions), per language and entry id. */
  faq: Record<string, Record<string, number>>;
  /** Conversations by the weekday (Monday first) and hour of their first message that day. */
  heatmap: number[][];
}

/** A day with nothing in it. */
export function emptyDay(date: string): DayAggregate {
  return {
    date,
    conversations: 0,
    messages: 0,
    questions: 0,
    answered: 0,
    suggested: 0,
    suggestionClicks: 0,
    handoffs: 0,
    feedbackUp: 0,
    feedbackDown: 0,
    ticketsByKind: { transfer: 0, message: 0 },
    ticketsByChannel: {},
    conversationsByChannel: {},
    firstResponse: { wall: [], staffed: [] },
    resolution: { wall: [], staffed: [] },
    csat: [0, 0, 0, 0, 0],
    faq: {},
    heatmap: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
  };
}

const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** Counts one local day's events; `hours` turns waits into staffed time, `timeZone` places the heatmap. */
export function aggregateDay(
  date: string,
  events: readonly ReportEvent[],
  options: { timeZone: string; hours: HoursConfig },
): DayAggregate {
  const day = emptyDay(date);
  const seen = new Set<string>();
  const wait = (into: Durations, since: number, at: number) => {
    into.wall.push(Math.max(0, (at - since) / 1000));
    into.staffed.push(staffedMs(options.hours, since, at) / 1000);
  };
  for (const event of events) {
    switch (event.type) {
      case 'message': {
        day.messages++;
        if (seen.has(event.key)) break;
        seen.add(event.key);
        day.conversations++;
        bump(day.conversationsByChannel, event.channel);
        const local = DateTime.fromMillis(event.at, { zone: options.timeZone });
        day.heatmap[local.weekday - 1]![local.hour]!++;
        break;
      }
      case 'asked':
        day.questions++;
        if (event.outcome === 'suggested') day.suggested++;
        if (event.outcome === 'answered' && event.faqId) {
          day.answered++;
          bump((day.faq[event.lang] ??= {}), event.faqId);
        }
        break;
      case 'clicked':
        day.suggestionClicks++;
        bump((day.faq[event.lang] ??= {}), event.faqId);
        break;
      case 'handoff':
        day.handoffs++;
        break;
      case 'feedback':
        if (event.value === 'up') day.feedbackUp++;
        else day.feedbackDown++;
        break;
      case 'ticket':
        day.ticketsByKind[event.kind]++;
        bump(day.ticketsByChannel, event.channel);
        break;
      case 'first-response':
        wait(day.firstResponse, event.since, event.at);
        break;
      case 'resolved':
        wait(day.resolution, event.since, event.at);
        break;
      case 'rated':
        if (event.csat >= 1 && event.csat <= 5) day.csat[event.csat - 1]!++;
        break;
      case 'claimed':
        break;
    }
  }
  return day;
}
