import { describe, expect, it } from 'vitest';
import { formatBackAt } from '../../../../functions/core/hours/back-at.js';
import { parseHoursConfig } from '../../../../functions/core/hours/hours-config.js';

const at = (iso: string) => new Date(iso);
const zoned = (timeZone: string, showTimeZone = false) =>
  parseHoursConfig({ timeZone, weekly: {}, showTimeZone });

const shanghai = zoned('Asia/Shanghai');
// Monday 2026-03-02, 10:00 in Shanghai
const monday = at('2026-03-02T10:00:00+08:00');

describe('formatBackAt', () => {
  it.each([
    ['2026-03-02T14:00:00+08:00', 'today at 14:00', '今天 14:00'],
    ['2026-03-03T09:00:00+08:00', 'tomorrow at 09:00', '明天 09:00'],
    ['2026-03-04T09:30:00+08:00', 'Wednesday at 09:30', '周三 09:30'],
    ['2026-03-08T09:00:00+08:00', 'Sunday at 09:00', '周日 09:00'],
    ['2026-03-09T09:00:00+08:00', 'Monday 9 March at 09:00', '3月9日（周一）09:00'],
    ['2026-10-05T09:00:00+08:00', 'Monday 5 October at 09:00', '10月5日（周一）09:00'],
    ['2027-01-01T09:00:00+08:00', 'Friday 1 January 2027 at 09:00', '2027年1月1日（周五）09:00'],
  ])('says %s as "%s" and "%s"', (back, en, zh) => {
    expect(formatBackAt(shanghai, at(back), monday, 'en')).toBe(en);
    expect(formatBackAt(shanghai, at(back), monday, 'zh')).toBe(zh);
  });

  it('counts days on the config zone calendar, not the UTC one the server runs on', () => {
    // 20:00 UTC Monday is already 04:00 Tuesday in Shanghai, so 09:00 Tuesday is today
    const now = at('2026-03-02T20:00:00Z');
    expect(formatBackAt(shanghai, at('2026-03-03T01:00:00Z'), now, 'en')).toBe('today at 09:00');
    expect(formatBackAt(shanghai, at('2026-03-03T01:00:00Z'), now, 'zh')).toBe('今天 09:00');
  });

  it('counts a DST night as one day', () => {
    const newYork = zoned('America/New_York');
    const now = at('2026-03-07T23:00:00-05:00');
    expect(formatBackAt(newYork, at('2026-03-08T03:00:00-04:00'), now, 'en')).toBe('tomorrow at 03:00');
  });

  it('adds the zone to English phrases only when showTimeZone is set', () => {
    const back = at('2026-03-03T09:00:00+08:00');
    expect(formatBackAt(zoned('Asia/Shanghai', true), back, monday, 'en')).toBe('tomorrow at 09:00 UTC+8');
    expect(formatBackAt(zoned('Asia/Shanghai', true), back, monday, 'zh')).toBe('明天 09:00');
    expect(formatBackAt(shanghai, back, monday, 'en')).toBe('tomorrow at 09:00');
  });

  it("names the zone by its abbreviation where English has one, and by offset where it doesn't", () => {
    const newYork = zoned('America/New_York', true);
    const friday = at('2026-03-06T10:00:00-05:00');
    expect(formatBackAt(newYork, at('2026-03-06T14:00:00-05:00'), friday, 'en')).toBe('today at 14:00 EST');
    expect(formatBackAt(newYork, at('2026-03-09T09:00:00-04:00'), friday, 'en')).toBe('Monday at 09:00 EDT');
    const kolkata = zoned('Asia/Kolkata', true);
    const morning = at('2026-03-02T08:00:00+05:30');
    expect(formatBackAt(kolkata, at('2026-03-02T10:00:00+05:30'), morning, 'en')).toBe(
      'today at 10:00 UTC+5:30',
    );
  });
});
