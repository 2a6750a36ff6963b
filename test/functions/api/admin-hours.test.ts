import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useAdminStack } from '../../support/admin-client.js';

// A Wednesday morning in Shanghai, in the demo's hours.
const env = useAdminStack({ clock: () => new Date('2026-09-30T10:00:00+08:00') });

describe('admin hours', () => {
  it('reads the hours as written, with whether someone is on duty and the week ahead', async () => {
    const { body } = await env.admin('GET', '/admin/hours');
    expect(body.hours).toEqual(JSON.parse(readFileSync('data/demo-hours.json', 'utf8')));
    expect(body).toMatchObject({ staffedNow: true, nextClose: '2026-09-30T10:00:00.000Z' });
    expect(body.week).toHaveLength(7);
  });

  it('replaces them, and the preview follows', async () => {
    const hours = { timeZone: 'Asia/Shanghai', weekly: { wed: [['14:00', '18:00']] } };
    const { status, body } = await env.admin('PUT', '/admin/hours', { hours });
    expect(status).toBe(200);
    expect(body).toMatchObject({ hours, staffedNow: false, nextOpen: '2026-09-30T06:00:00.000Z' });
    expect(await env.stack.services.hours.file()).toEqual(hours);
  });

  it('refuses invalid hours with every problem, like `hours set`, and keeps the old ones', async () => {
    const before = (await env.admin('GET', '/admin/hours')).body.hours;
    const hours = { timeZone: 'Asia/Shangai', weekly: { mon: [['09:00', '25:00']] } };
    const { status, body } = await env.admin('PUT', '/admin/hours', { hours });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_hours');
    const problems = body.error.issues.map((i: { message: string }) => i.message).join('\n');
    expect(problems).toMatch(/timeZone/);
    expect(problems).toMatch(/weekly\.mon/);
    expect((await env.admin('GET', '/admin/hours')).body.hours).toEqual(before);
  });
});
