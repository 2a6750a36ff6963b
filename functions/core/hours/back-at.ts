import { DateTime } from 'luxon';
import type { Lang } from '../faq/entry.js';
import type { HoursConfig } from './hours-config.js';

// Fixed tables rather than Intl, so the wording never depends on the ICU data the server happens to ship.
const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_MONTHS =
  'January February March April May June July August September October November December'.split(' ');
const ZH_WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** A weekday name alone is unambiguous only within the coming week. */
const WEEKDAY_ONLY_DAYS = 6;

/** Calendar days from `from` to `to`, counted on their local dates so that DST cannot shift the count. */
const daysBetween = (from: DateTime, to: DateTime) =>
  DateTime.utc(to.year, to.month, to.day).diff(DateTime.utc(from.year, from.month, from.day), 'days').days;

/** The word for a day within the coming week: its own word for today and tomorrow, else the weekday. */
const nearDay = (days: number, words: [today: string, tomorrow: string], weekday: string) =>
  words[days] ?? weekday;

/** The zone's English abbreviation where one exists (EDT, GMT), otherwise its UTC offset (UTC+8). */
function zoneLabel(at: DateTime): string {
  const name = at.setLocale('en-US').offsetNameShort ?? '';
  return /^[A-Z]{2,5}$/.test(name) ? name : `UTC${at.toFormat('Z')}`;
}

/** "When we're back" as a short phrase in the user's language, on the clock of the config's time zone. */
export function formatBackAt(config: HoursConfig, at: Date, now: Date, lang: Lang): string {
  const when = DateTime.fromJSDate(at, { zone: config.timeZone });
  const today = DateTime.fromJSDate(now, { zone: config.timeZone });
  const days = daysBetween(today, when);
  const near = days >= 0 && days <= WEEKDAY_ONLY_DAYS;
  const time = when.toFormat('HH:mm');
  const otherYear = when.year !== today.year;
  if (lang === 'zh') {
    const weekday = ZH_WEEKDAYS[when.weekday - 1] as string;
    if (near) return `${nearDay(days, ['今天', '明天'], weekday)} ${time}`;
    return `${otherYear ? `${when.year}年` : ''}${when.month}月${when.day}日（${weekday}）${time}`;
  }
  const weekday = EN_WEEKDAYS[when.weekday - 1] as string;
  const day = near
    ? nearDay(days, ['today', 'tomorrow'], weekday)
    : `${weekday} ${when.day} ${EN_MONTHS[when.month - 1]}${otherYear ? ` ${when.year}` : ''}`;
  return `${day} at ${time}${config.showTimeZone ? ` ${zoneLabel(when)}` : ''}`;
}
