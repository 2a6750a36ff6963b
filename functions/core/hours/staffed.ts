import { DateTime } from 'luxon';
import { type HoursConfig, type Interval, intervalMinutes, WEEKDAYS, type Weekday } from './hours-config.js';

/** How far ahead nextStaffedAt looks before concluding that nobody is coming back. */
const HORIZON_DAYS = 400;

/** A staffed stretch as epoch milliseconds, `[start, end)`. */
export type Span = { start: number; end: number };

/**
 * The instant at which the wall clock in `zone` reads `minutes` past the midnight that starts `date`.
 * A time repeated by a fall-back change means its first occurrence; a time skipped by a spring-forward gap
 * means the first instant after the gap, so an interval opening inside the gap opens as the clock jumps.
 */
function wallClock(date: DateTime, minutes: number, zone: string): number {
  const { year, month, day, hour, minute } = date.plus({ minutes });
  const instant = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (instant.day === day && instant.hour === hour && instant.minute === minute) {
    return Math.min(...instant.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  }
  // luxon pushes a skipped time forward by the size of the gap; walk back to the moment the clock jumped
  let jumped = instant;
  while (jumped.minus({ minutes: 1 }).offset === instant.offset) jumped = jumped.minus({ minutes: 1 });
  return jumped.toMillis();
}

/** The hours that begin on `date`: none on a holiday, a make-up workday's own, otherwise the weekly ones. */
export function hoursOn(config: HoursConfig, date: DateTime): Interval[] {
  const iso = date.toFormat('yyyy-MM-dd');
  if (config.holidays.some(({ from, to }) => from <= iso && iso <= to)) return [];
  const workday = config.workdays.find((day) => day.date === iso);
  return workday ? workday.hours : (config.weekly[WEEKDAYS[date.weekday - 1] as Weekday] ?? []);
}

/**
 * Spans that begin on `date`, in start order. An overnight span belongs to the day it starts on, so it runs
 * into the next morning even when that morning is a holiday. Spans that a DST gap swallows whole are dropped.
 */
export function spansFrom(config: HoursConfig, date: DateTime): Span[] {
  return hoursOn(config, date)
    .map(intervalMinutes)
    .map(([start, end]) => ({
      start: wallClock(date, start, config.timeZone),
      end: wallClock(date, end, config.timeZone),
    }))
    .filter(({ start, end }) => start < end)
    .sort((a, b) => a.start - b.start);
}

/** The calendar date `now` falls on in the config's zone, held in UTC so that adding days never meets DST. */
export function localDate(config: HoursConfig, now: Date): DateTime {
  const { year, month, day } = DateTime.fromJSDate(now, { zone: config.timeZone });
  return DateTime.utc(year, month, day);
}

/** Whether someone is on duty at `now`. */
export function isStaffed(config: HoursConfig, now: Date): boolean {
  const today = localDate(config, now);
  const at = now.getTime();
  // only yesterday's overnight spans can still be running today
  return [today.minus({ days: 1 }), today].some((date) =>
    spansFrom(config, date).some(({ start, end }) => start <= at && at < end),
  );
}

/** The first instant from `now` on when someone is on duty (`now` if staffed); null if none in 400 days. */
export function nextStaffedAt(config: HoursConfig, now: Date): Date | null {
  const today = localDate(config, now);
  const at = now.getTime();
  // from yesterday, whose overnight spans may still be running
  for (let offset = -1; offset <= HORIZON_DAYS; offset++) {
    const span = spansFrom(config, today.plus({ days: offset })).find(({ end }) => end > at);
    if (span) return new Date(Math.max(span.start, at));
  }
  return null;
}

/** Milliseconds of `[start, end)` that fall in staffed hours: how long a wait lasted for the people on duty. */
export function staffedMs(config: HoursConfig, start: number, end: number): number {
  if (end <= start) return 0;
  let total = 0;
  const last = localDate(config, new Date(end));
  // from the day before, whose overnight spans may reach into the start
  for (
    let date = localDate(config, new Date(start)).minus({ days: 1 });
    date <= last;
    date = date.plus({ days: 1 })
  ) {
    for (const span of spansFrom(config, date))
      total += Math.max(0, Math.min(span.end, end) - Math.max(span.start, start));
  }
  return total;
}
