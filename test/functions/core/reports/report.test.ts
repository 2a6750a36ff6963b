import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../../functions/core/config.js';
import { emptyDay } from '../../../../functions/core/reports/day-aggregate.js';
import { buildReport } from '../../../../functions/core/reports/report.js';

describe('a report with nothing to divide', () => {
  it('gives null rates, times and averages rather than 0 or NaN', () => {
    const report = buildReport([emptyDay('2026-01-05')], {
      from: '2026-01-05',
      to: '2026-01-05',
      timeZone: 'UTC',
      slaSeconds: 300,
    });
    expect(report.totals).toMatchObject({ answerRate: null, suggestionClickRate: null, handoffRate: null });
    expect(report.firstResponse).toEqual({
      count: 0,
      median: null,
      p90: null,
      staffedMedian: null,
      staffedP90: null,
      target: 300,
      slaMet: null,
    });
    expect(report.csat).toEqual({ count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
    expect(report.daily).toEqual([
      { date: '2026-01-05', conversations: 0, questions: 0, answered: 0, answerRate: null, handoffs: 0 },
    ]);
    expect(report.heatmap).toHaveLength(7);
    expect(report.heatmap.every((hours) => hours.length === 24 && hours.every((n) => n === 0))).toBe(true);
  });
});

describe('report settings', () => {
  const env = {
    FRONTDESK_INBOUND_QUEUE_URL: 'q1',
    FRONTDESK_TICKETS_QUEUE_URL: 'q2',
    FRONTDESK_OUTBOUND_QUEUE_URL: 'q3',
    FRONTDESK_WEB_SECRET: 'x'.repeat(32),
  };

  it('default to the staffed hours’ zone and a 300 s target', () => {
    expect(configFromEnv(env)).toMatchObject({ timeZone: undefined, slaSeconds: 300 });
    expect(
      configFromEnv({ ...env, FRONTDESK_TIME_ZONE: 'Asia/Shanghai', FRONTDESK_SLA_SECONDS: '120' }),
    ).toMatchObject({ timeZone: 'Asia/Shanghai', slaSeconds: 120 });
  });

  it('refuse a zone that is not an IANA zone, naming the variable', () => {
    expect(() => configFromEnv({ ...env, FRONTDESK_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      /FRONTDESK_TIME_ZONE/,
    );
  });
});
