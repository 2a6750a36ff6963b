import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HoursConfigError, parseHoursConfig } from '../../../../functions/core/hours/hours-config.js';

const demo = JSON.parse(readFileSync(new URL('../../../../data/demo-hours.json', import.meta.url), 'utf8'));

/** The problems parseHoursConfig reports for `json`; fails the test if it is accepted. */
function problemsOf(json: unknown): string[] {
  try {
    parseHoursConfig(json);
  } catch (error) {
    expect(error).toBeInstanceOf(HoursConfigError);
    return (error as HoursConfigError).problems;
  }
  throw new Error('expected the hours file to be rejected');
}

const base = { timeZone: 'Asia/Shanghai', weekly: { mon: [['09:00', '18:00']] } };

describe('parseHoursConfig', () => {
  it('accepts the demo file and expands its shorthands', () => {
    const config = parseHoursConfig(demo);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.holidays).toEqual([
      { from: '2026-10-01', to: '2026-10-01' },
      { from: '2026-10-02', to: '2026-10-07', name: 'National Day (example)' },
    ]);
    expect(config.workdays).toEqual([
      { date: '2026-09-27', hours: [['10:00', '16:00']], name: 'Make-up Sunday, short hours (example)' },
      { date: '2026-10-10', hours: [['09:00', '18:00']] },
    ]);
  });

  it('fills in empty holidays and workdays and hides the time zone by default', () => {
    expect(parseHoursConfig({ timeZone: 'UTC', weekly: {} })).toEqual({
      timeZone: 'UTC',
      weekly: {},
      holidays: [],
      workdays: [],
      showTimeZone: false,
    });
  });

  it('accepts overnight intervals, a 24:00 end and a one-day holiday written as a range', () => {
    const config = parseHoursConfig({
      ...base,
      weekly: { fri: [['22:00', '02:00']], sat: [['02:00', '24:00']] },
      holidays: [{ from: '2026-05-01', name: 'Labour Day' }],
    });
    expect(config.weekly.fri).toEqual([['22:00', '02:00']]);
    expect(config.holidays).toEqual([{ from: '2026-05-01', to: '2026-05-01', name: 'Labour Day' }]);
  });

  it('names the path and the value of a bad time', () => {
    const problems = problemsOf({
      ...base,
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '25:00'],
        ],
      },
    });
    expect(problems).toEqual(['weekly.mon[1][1]: "25:00" is not a time (HH:MM)']);
  });

  it('rejects 24:00 as a start and intervals that are not pairs', () => {
    const problems = problemsOf({ ...base, weekly: { tue: [['24:00', '02:00'], ['9:00'], '09:00-18:00'] } });
    expect(problems).toEqual([
      'weekly.tue[0][0]: "24:00" can only end an interval',
      'weekly.tue[1]: ["9:00"] is not an interval ["HH:MM", "HH:MM"]',
      'weekly.tue[2]: "09:00-18:00" is not an interval ["HH:MM", "HH:MM"]',
    ]);
  });

  it('rejects a time zone that is not in the IANA database', () => {
    expect(problemsOf({ ...base, timeZone: 'Asia/Shangai' })).toEqual([
      'timeZone: "Asia/Shangai" is not an IANA time zone (e.g. "Asia/Shanghai")',
    ]);
  });

  it('rejects overlapping intervals on one day', () => {
    const problems = problemsOf({
      ...base,
      weekly: {
        wed: [
          ['09:00', '12:00'],
          ['11:30', '18:00'],
        ],
      },
    });
    expect(problems).toEqual(['weekly.wed[1]: ["11:30","18:00"] overlaps ["09:00","12:00"]']);
  });

  it("rejects an overnight interval that runs into the next day's first interval", () => {
    const problems = problemsOf({
      ...base,
      weekly: { sun: [['20:00', '03:00']], mon: [['02:00', '06:00']] },
    });
    expect(problems).toEqual([
      'weekly.mon[0]: ["02:00","06:00"] overlaps ["20:00","03:00"] (sun, past midnight)',
    ]);
  });

  it('lets intervals touch, since they are half-open', () => {
    const weekly = {
      fri: [
        ['09:00', '12:00'],
        ['12:00', '00:00'],
      ],
      sat: [['00:00', '01:00']],
    };
    expect(parseHoursConfig({ ...base, weekly }).weekly).toEqual(weekly);
  });

  it('rejects unknown keys and says which keys are allowed', () => {
    const problems = problemsOf({ ...base, weekly: { mom: [] }, holiday: [] });
    expect(problems).toEqual([
      'weekly: unknown key "mom"; expected mon, tue, wed, thu, fri, sat, sun',
      '(top level): unknown key "holiday"; expected timeZone, weekly, holidays, workdays, workdayHours, showTimeZone, note',
    ]);
  });

  it('rejects a date that is both a holiday and a make-up workday', () => {
    const problems = problemsOf({
      ...base,
      workdayHours: [['09:00', '18:00']],
      holidays: ['2026-10-01', { from: '2026-10-02', to: '2026-10-07' }],
      workdays: ['2026-10-01', { date: '2026-10-05', hours: [['10:00', '16:00']] }, '2026-10-10'],
    });
    expect(problems).toEqual([
      "workdays[0]: 2026-10-01 is also a holiday (holidays[0]); a date can't be both",
      "workdays[1]: 2026-10-05 is also a holiday (holidays[1]); a date can't be both",
    ]);
  });

  it('asks for hours when a make-up workday has none and there is no workdayHours', () => {
    expect(problemsOf({ ...base, workdays: ['2026-09-27'] })).toEqual([
      'workdays[0]: 2026-09-27 has no hours: give it "hours" or set a top-level "workdayHours"',
    ]);
  });

  it('rejects impossible dates, reversed or runaway ranges and duplicate workdays', () => {
    expect(problemsOf({ ...base, holidays: ['2026-02-30', '2026/10/01'] })).toEqual([
      'holidays[0]: "2026-02-30" is not a date (YYYY-MM-DD)',
      'holidays[1]: "2026/10/01" is not a date (YYYY-MM-DD)',
    ]);
    const problems = problemsOf({
      ...base,
      holidays: [
        { from: '2026-10-07', to: '2026-10-01' },
        { from: '2026-10-01', to: '2062-10-07' },
      ],
      workdays: [
        { date: '2026-09-27', hours: [['09:00', '18:00']] },
        { date: '2026-09-27', hours: [['10:00', '16:00']] },
      ],
    });
    expect(problems).toEqual([
      'holidays[0]: "to" 2026-10-01 is before "from" 2026-10-07',
      'holidays[1]: spans 13156 days (2026-10-01 to 2062-10-07); check the year (at most 366)',
      'workdays[1]: 2026-09-27 is listed twice (also workdays[0])',
    ]);
  });

  it('reports wrong types and missing fields inside shorthand-or-object entries', () => {
    const problems = problemsOf({
      timeZone: 'UTC',
      weekly: [],
      holidays: [7],
      workdays: [{ date: '2026-10-10', hours: ['09:00', '18:00'] }, { hours: [] }],
      showTimeZone: 'yes',
    });
    expect(problems).toEqual([
      'weekly: expected object, got []',
      'holidays[0]: 7 is not a holiday: write "YYYY-MM-DD" or {"from", "to", "name"}',
      'workdays[0].hours[0]: "09:00" is not an interval ["HH:MM", "HH:MM"]',
      'workdays[0].hours[1]: "18:00" is not an interval ["HH:MM", "HH:MM"]',
      'workdays[1].date: is required',
      'showTimeZone: expected boolean, got "yes"',
    ]);
  });

  it('lists every problem in the error message, one per line', () => {
    expect(() => parseHoursConfig({ weekly: { mon: [['9', '18:00']] } })).toThrow(
      'invalid hours file:\n  timeZone: is required\n  weekly.mon[0][0]: "9" is not a time (HH:MM)',
    );
    expect(() => parseHoursConfig(null)).toThrow('(top level): expected object, got null');
  });
});
