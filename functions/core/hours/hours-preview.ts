import type { HoursConfig } from './hours-config.js';
import { hoursOn, isStaffed, localDate, nextStaffedAt, type Span, spansFrom } from './staffed.js';

/** One local day of the preview: its date and the intervals that begin on it, as written in the hours file. */
export interface PreviewDay {
  date: string;
  intervals: { from: string; to: string }[];
}

/** What the admin page shows of the hours: staffed now or not, the next change either way, and the coming week. */
export interface HoursPreview {
  staffedNow: boolean;
  nextOpen?: string;
  nextClose?: string;
  week: PreviewDay[];
}

// Far enough to see past a long holiday for the next close; nextStaffedAt looks further for the next open.
const SPAN_DAYS = 31;

/** The preview at `now`: the next close and open as ISO instants, and seven days from today in the hours' zone. */
export function previewHours(config: HoursConfig, now: Date): HoursPreview {
  const today = localDate(config, now);
  const at = now.getTime();
  const staffedNow = isStaffed(config, now);
  // Back-to-back spans (an overnight one running into the next morning's) are one stretch on duty.
  const stretches = merge(
    Array.from({ length: SPAN_DAYS + 1 }, (_, i) => spansFrom(config, today.plus({ days: i - 1 }))).flat(),
  ).filter(({ end }) => end > at);
  const iso = (ms: number) => new Date(ms).toISOString();
  const [first, second] = stretches;
  const opening = staffedNow ? second : (first ?? undefined);
  const fallbackOpen = staffedNow ? undefined : nextStaffedAt(config, now);
  const nextOpen = opening ? iso(opening.start) : fallbackOpen ? fallbackOpen.toISOString() : undefined;
  // Staffed with no later opening in sight (around the clock): there is no close to speak of.
  const closing = staffedNow ? second && first : opening;
  const week = Array.from({ length: 7 }, (_, i) => {
    const date = today.plus({ days: i });
    const intervals = hoursOn(config, date).map(([from, to]) => ({ from, to }));
    return { date: date.toFormat('yyyy-MM-dd'), intervals };
  });
  return {
    staffedNow,
    ...(nextOpen && { nextOpen }),
    ...(closing && { nextClose: iso(closing.end) }),
    week,
  };
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
