import { DateTime } from 'luxon';

/** The dates from `from` to `to`, both included (YYYY-MM-DD). */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  const end = DateTime.fromISO(to, { zone: 'utc' });
  for (let d = DateTime.fromISO(from, { zone: 'utc' }); d <= end; d = d.plus({ days: 1 }))
    dates.push(d.toISODate()!);
  return dates;
}
