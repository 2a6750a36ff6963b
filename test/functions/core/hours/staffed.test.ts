import { describe, expect, it } from 'vitest';
import { parseHoursConfig } from '../../../../functions/core/hours/hours-config.js';
import { isStaffed, nextStaffedAt } from '../../../../functions/core/hours/staffed.js';

const at = (iso: string) => new Date(iso);
const weekdays = (hours: string[][]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

// 2026-03-02 is a Monday; 2026-03-06 a Friday.
const shop = parseHoursConfig({
  timeZone: 'Asia/Shanghai',
  weekly: {
    ...weekdays([
      ['09:00', '12:00'],
      ['13:30', '18:00'],
    ]),
    sat: [['10:00', '16:00']],
  },
});

const lateFriday = (extra: object = {}) =>
  parseHoursConfig({ timeZone: 'Asia/Shanghai', weekly: { fri: [['22:00', '02:00']] }, ...extra });

describe('isStaffed', () => {
  it('is true from the first instant of an interval up to, not including, its end', () => {
    expect(isStaffed(shop, at('2026-03-02T08:59:59.999+08:00'))).toBe(false);
    expect(isStaffed(shop, at('2026-03-02T09:00:00+08:00'))).toBe(true);
    expect(isStaffed(shop, at('2026-03-02T11:59:59.999+08:00'))).toBe(true);
    expect(isStaffed(shop, at('2026-03-02T18:00:00+08:00'))).toBe(false);
    expect(isStaffed(shop, at('2026-03-07T15:00:00+08:00'))).toBe(true);
    expect(isStaffed(shop, at('2026-03-08T12:00:00+08:00'))).toBe(false);
  });

  it('is false over the lunch break', () => {
    expect(isStaffed(shop, at('2026-03-02T12:00:00+08:00'))).toBe(false);
    expect(isStaffed(shop, at('2026-03-02T13:29:00+08:00'))).toBe(false);
    expect(isStaffed(shop, at('2026-03-02T13:30:00+08:00'))).toBe(true);
  });

  it('uses the config zone, not the server clock', () => {
    // 01:30 UTC on Monday is 09:30 in Shanghai
    expect(isStaffed(shop, at('2026-03-02T01:30:00Z'))).toBe(true);
  });

  it('closes at midnight unless an interval runs past it', () => {
    expect(isStaffed(shop, at('2026-03-06T23:59:00+08:00'))).toBe(false);
    expect(isStaffed(shop, at('2026-03-07T00:00:00+08:00'))).toBe(false);
    const late = lateFriday();
    expect(isStaffed(late, at('2026-03-06T21:59:00+08:00'))).toBe(false);
    expect(isStaffed(late, at('2026-03-06T23:59:00+08:00'))).toBe(true);
    expect(isStaffed(late, at('2026-03-07T00:00:00+08:00'))).toBe(true);
    expect(isStaffed(late, at('2026-03-07T01:59:00+08:00'))).toBe(true);
    expect(isStaffed(late, at('2026-03-07T02:00:00+08:00'))).toBe(false);
  });

  it('treats 24:00 as the end of the day', () => {
    const evening = parseHoursConfig({ timeZone: 'Asia/Shanghai', weekly: { fri: [['18:00', '24:00']] } });
    expect(isStaffed(evening, at('2026-03-06T23:59:59+08:00'))).toBe(true);
    expect(isStaffed(evening, at('2026-03-07T00:00:00+08:00'))).toBe(false);
  });

  it("runs the evening before's shift into a holiday morning, but drops the holiday's own shift", () => {
    const saturdayOff = lateFriday({ holidays: ['2026-03-07'] });
    expect(isStaffed(saturdayOff, at('2026-03-07T01:00:00+08:00'))).toBe(true);
    const fridayOff = lateFriday({ holidays: ['2026-03-06'] });
    expect(isStaffed(fridayOff, at('2026-03-06T23:00:00+08:00'))).toBe(false);
    expect(isStaffed(fridayOff, at('2026-03-07T01:00:00+08:00'))).toBe(false);
  });

  it('is false on a single-day holiday and on every day of a holiday range', () => {
    const config = parseHoursConfig({
      timeZone: 'Asia/Shanghai',
      weekly: weekdays([['09:00', '18:00']]),
      holidays: ['2026-05-01', { from: '2026-10-01', to: '2026-10-07' }],
    });
    expect(isStaffed(config, at('2026-05-01T10:00:00+08:00'))).toBe(false);
    expect(isStaffed(config, at('2026-04-30T10:00:00+08:00'))).toBe(true);
    expect(isStaffed(config, at('2026-10-01T10:00:00+08:00'))).toBe(false);
    expect(isStaffed(config, at('2026-10-07T17:59:00+08:00'))).toBe(false);
    expect(isStaffed(config, at('2026-10-08T09:00:00+08:00'))).toBe(true);
  });

  it('opens make-up workdays with workdayHours or their own hours', () => {
    const config = parseHoursConfig({
      timeZone: 'Asia/Shanghai',
      weekly: { ...weekdays([['09:00', '18:00']]), sat: [['10:00', '12:00']] },
      workdayHours: [['09:00', '18:00']],
      workdays: ['2026-09-27', { date: '2026-10-10', hours: [['13:00', '15:00']] }],
    });
    expect(isStaffed(config, at('2026-09-27T09:00:00+08:00'))).toBe(true);
    expect(isStaffed(config, at('2026-09-27T17:59:00+08:00'))).toBe(true);
    expect(isStaffed(config, at('2026-10-10T11:00:00+08:00'))).toBe(false);
    expect(isStaffed(config, at('2026-10-10T13:00:00+08:00'))).toBe(true);
    expect(isStaffed(config, at('2026-10-04T10:00:00+08:00'))).toBe(false);
  });
});

describe('nextStaffedAt', () => {
  it('is now while staffed', () => {
    expect(nextStaffedAt(shop, at('2026-03-02T10:15:00+08:00'))).toEqual(at('2026-03-02T10:15:00+08:00'));
  });

  it('is the end of the lunch break, then the next morning', () => {
    expect(nextStaffedAt(shop, at('2026-03-02T12:00:00+08:00'))).toEqual(at('2026-03-02T13:30:00+08:00'));
    expect(nextStaffedAt(shop, at('2026-03-02T18:00:00+08:00'))).toEqual(at('2026-03-03T09:00:00+08:00'));
    expect(nextStaffedAt(shop, at('2026-03-03T00:30:00+08:00'))).toEqual(at('2026-03-03T09:00:00+08:00'));
  });

  it('skips a closed weekend', () => {
    const config = parseHoursConfig({ timeZone: 'Asia/Shanghai', weekly: weekdays([['09:00', '18:00']]) });
    expect(nextStaffedAt(config, at('2026-03-06T18:00:00+08:00'))).toEqual(at('2026-03-09T09:00:00+08:00'));
    expect(nextStaffedAt(shop, at('2026-03-07T16:00:00+08:00'))).toEqual(at('2026-03-09T09:00:00+08:00'));
  });

  it('skips a 7-day holiday that ends in a make-up Saturday', () => {
    const config = parseHoursConfig({
      timeZone: 'Asia/Shanghai',
      weekly: weekdays([['09:00', '18:00']]),
      workdayHours: [['09:00', '18:00']],
      holidays: [{ from: '2026-10-03', to: '2026-10-09', name: 'National Day' }],
      workdays: ['2026-10-10'],
    });
    expect(nextStaffedAt(config, at('2026-10-02T18:00:00+08:00'))).toEqual(at('2026-10-10T09:00:00+08:00'));
  });

  it('is null when nobody is on duty in the next 400 days', () => {
    const closed = parseHoursConfig({ timeZone: 'Asia/Shanghai', weekly: {} });
    expect(nextStaffedAt(closed, at('2026-03-02T10:00:00+08:00'))).toBeNull();
    const rare = { timeZone: 'Asia/Shanghai', weekly: {}, workdayHours: [['09:00', '18:00']] };
    const soon = parseHoursConfig({ ...rare, workdays: ['2027-03-01'] });
    expect(nextStaffedAt(soon, at('2026-03-02T10:00:00+08:00'))).toEqual(at('2027-03-01T09:00:00+08:00'));
    const tooLate = parseHoursConfig({ ...rare, workdays: ['2027-05-01'] });
    expect(nextStaffedAt(tooLate, at('2026-03-02T10:00:00+08:00'))).toBeNull();
  });

  it('keeps Asia/Shanghai at +08:00 over the weekends when other zones change clocks', () => {
    const config = parseHoursConfig({ timeZone: 'Asia/Shanghai', weekly: weekdays([['09:00', '18:00']]) });
    expect(nextStaffedAt(config, at('2026-03-06T10:00:00Z'))).toEqual(at('2026-03-09T01:00:00Z'));
    expect(nextStaffedAt(config, at('2026-10-23T10:00:00Z'))).toEqual(at('2026-10-26T01:00:00Z'));
    expect(nextStaffedAt(config, at('2026-10-30T10:00:00Z'))).toEqual(at('2026-11-02T01:00:00Z'));
  });
});

describe('daylight saving time', () => {
  const newYork = (weekly: object) => parseHoursConfig({ timeZone: 'America/New_York', weekly });
  const london = (weekly: object) => parseHoursConfig({ timeZone: 'Europe/London', weekly });

  it('follows local wall time across spring forward and fall back in New York', () => {
    const office = newYork(weekdays([['09:00', '17:00']]));
    // clocks go forward on Sunday 2026-03-08: Monday opens at 13:00 UTC, not 14:00
    expect(nextStaffedAt(office, at('2026-03-06T17:00:00-05:00'))).toEqual(at('2026-03-09T13:00:00Z'));
    // clocks go back on Sunday 2026-11-01: Monday opens at 14:00 UTC
    expect(nextStaffedAt(office, at('2026-10-30T17:00:00-04:00'))).toEqual(at('2026-11-02T14:00:00Z'));
  });

  it('opens an interval that starts in the spring-forward gap when the clock jumps', () => {
    // 02:00-03:00 does not exist in New York on 2026-03-08
    const night = newYork({ sun: [['02:30', '06:00']] });
    expect(nextStaffedAt(night, at('2026-03-07T20:00:00-05:00'))).toEqual(at('2026-03-08T03:00:00-04:00'));
    expect(isStaffed(night, at('2026-03-08T01:59:00-05:00'))).toBe(false);
    expect(isStaffed(night, at('2026-03-08T03:00:00-04:00'))).toBe(true);
  });

  it('skips an interval that lies wholly inside the spring-forward gap', () => {
    const lost = newYork({ sun: [['02:10', '02:50']] });
    expect(nextStaffedAt(lost, at('2026-03-08T00:00:00-05:00'))).toEqual(at('2026-03-15T02:10:00-04:00'));
  });

  it('starts at the first 01:30 of a repeated hour and stays open through the repeat', () => {
    const night = newYork({ sun: [['01:30', '03:00']] });
    expect(nextStaffedAt(night, at('2026-10-31T23:00:00-04:00'))).toEqual(at('2026-11-01T01:30:00-04:00'));
    expect(isStaffed(night, at('2026-11-01T01:15:00-05:00'))).toBe(true);
    expect(isStaffed(night, at('2026-11-01T02:59:00-05:00'))).toBe(true);
    expect(isStaffed(night, at('2026-11-01T03:00:00-05:00'))).toBe(false);
  });

  it('runs an overnight shift across fall back by the wall clock, an hour longer', () => {
    const overnight = newYork({ sat: [['22:00', '06:00']] });
    expect(isStaffed(overnight, at('2026-10-31T22:00:00-04:00'))).toBe(true);
    expect(isStaffed(overnight, at('2026-11-01T05:59:00-05:00'))).toBe(true);
    expect(isStaffed(overnight, at('2026-11-01T06:00:00-05:00'))).toBe(false);
  });

  it('opens at the end of the gap when London springs forward at 01:00', () => {
    const early = london({ sun: [['01:00', '04:00']], mon: [['09:00', '17:00']] });
    expect(nextStaffedAt(early, at('2026-03-28T12:00:00Z'))).toEqual(at('2026-03-29T02:00:00+01:00'));
    expect(nextStaffedAt(early, at('2026-03-29T03:00:00Z'))).toEqual(at('2026-03-30T08:00:00Z'));
  });

  it('counts a window inside the repeated hour in London once, on its first pass', () => {
    // on 2026-10-25 London's clock shows 01:00-02:00 twice, first in BST and then in GMT
    const brief = london({ sun: [['01:15', '01:45']] });
    expect(isStaffed(brief, at('2026-10-25T00:30:00Z'))).toBe(true);
    expect(isStaffed(brief, at('2026-10-25T01:30:00Z'))).toBe(false);
    expect(nextStaffedAt(brief, at('2026-10-25T00:50:00Z'))).toEqual(at('2026-11-01T01:15:00Z'));
  });
});
