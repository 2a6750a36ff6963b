import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseHoursConfig } from '../../../../functions/core/hours/hours-config.js';
import { staffedMs } from '../../../../functions/core/hours/staffed.js';

const hours = parseHoursConfig({
  timeZone: 'Europe/Berlin',
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], fri: [['22:00', '02:00']] },
  holidays: ['2026-03-31'],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const minutes = (from: string, to: string) => staffedMs(hours, at(from), at(to)) / 60_000;

describe('staffed time of a wait', () => {
  it('counts only the staffed part of a wait across a closed night', () => {
    expect(minutes('2026-03-23T16:30', '2026-03-24T09:45')).toBe(30 + 45);
  });

  it('counts nothing on closed days and holidays, and follows an overnight interval', () => {
    expect(minutes('2026-03-25T08:00', '2026-03-26T20:00')).toBe(0);
    expect(minutes('2026-03-30T16:00', '2026-04-01T10:00')).toBe(60);
    expect(minutes('2026-03-27T23:00', '2026-03-28T12:00')).toBe(180);
  });

  it('is zero for an empty or backwards wait', () => {
    expect(minutes('2026-03-23T10:00', '2026-03-23T10:00')).toBe(0);
    expect(minutes('2026-03-23T11:00', '2026-03-23T10:00')).toBe(0);
  });
});
