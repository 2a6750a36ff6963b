import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHoursConfig } from '../../../../functions/core/hours/hours-config.js';
import { previewHours } from '../../../../functions/core/hours/hours-preview.js';
import { alwaysStaffed } from '../../../../functions/core/hours/hours-store.js';

const demo = parseHoursConfig(JSON.parse(readFileSync('data/demo-hours.json', 'utf8')));
const at = (iso: string) => new Date(iso);

describe('previewHours', () => {
  it('while staffed: the close of this stretch, and the next opening after a holiday week', () => {
    // Wednesday 30 September 2026; 1 to 7 October are the demo's National Day holidays.
    const preview = previewHours(demo, at('2026-09-30T10:00:00+08:00'));
    expect(preview).toMatchObject({
      staffedNow: true,
      nextClose: '2026-09-30T10:00:00.000Z',
      nextOpen: '2026-10-08T01:00:00.000Z',
    });
    expect(preview.week.map((day) => day.date)).toEqual([
      '2026-09-30',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
    ]);
    expect(preview.week[0]!.intervals).toEqual([{ from: '09:00', to: '18:00' }]);
    expect(preview.week.slice(1).every((day) => day.intervals.length === 0)).toBe(true);
  });

  it('while closed: the next opening and its close; a make-up workday counts', () => {
    // Saturday 26 September, evening; Sunday 27 September is a make-up workday, 10:00 to 16:00.
    const preview = previewHours(demo, at('2026-09-26T20:00:00+08:00'));
    expect(preview).toMatchObject({
      staffedNow: false,
      nextOpen: '2026-09-27T02:00:00.000Z',
      nextClose: '2026-09-27T08:00:00.000Z',
    });
    expect(preview.week[1]).toEqual({ date: '2026-09-27', intervals: [{ from: '10:00', to: '16:00' }] });
  });

  it('treats back-to-back intervals as one stretch, and names no close around the clock', () => {
    const split = parseHoursConfig({
      timeZone: 'UTC',
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['12:00', '17:00'],
        ],
      },
    });
    expect(previewHours(split, at('2026-03-02T10:00:00Z')).nextClose).toBe('2026-03-02T17:00:00.000Z');
    const always = previewHours(alwaysStaffed(), at('2026-03-02T10:00:00Z'));
    expect(always).toMatchObject({ staffedNow: true });
    expect(always).not.toHaveProperty('nextClose');
  });
});
