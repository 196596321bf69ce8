import { describe, expect, it } from 'vitest';
import { CronError, nextCronTime } from './cron.ts';

const next = (expression: string, after: string, zone = 'UTC') =>
  nextCronTime(expression, new Date(after), zone).toISOString();

describe('recurrences', () => {
  it('fire on the next matching minute, strictly after the given time', () => {
    expect(next('0 9 * * *', '2026-11-27T08:59:30Z')).toBe('2026-11-27T09:00:00.000Z');
    expect(next('0 9 * * *', '2026-11-27T09:00:00Z')).toBe('2026-11-28T09:00:00.000Z');
    expect(next('*/15 * * * *', '2026-11-27T10:07:00Z')).toBe('2026-11-27T10:15:00.000Z');
  });

  it('handle weekdays (0 and 7 are Sunday, names too), ranges, lists and month rollover', () => {
    // 2026-11-27 is a Friday.
    expect(next('30 8 * * 1', '2026-11-27T00:00:00Z')).toBe('2026-11-30T08:30:00.000Z');
    expect(next('30 8 * * MON', '2026-11-27T00:00:00Z')).toBe('2026-11-30T08:30:00.000Z');
    expect(next('0 12 * * 7', '2026-11-27T00:00:00Z')).toBe('2026-11-29T12:00:00.000Z');
    expect(next('0 6 1,15 * *', '2026-11-27T00:00:00Z')).toBe('2026-12-01T06:00:00.000Z');
    expect(next('0 0 1 1-3/2 *', '2026-11-27T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('fire on either day field when both are restricted, as cron does', () => {
    expect(next('0 0 13 * 5', '2026-11-27T00:00:00Z')).toBe('2026-12-04T00:00:00.000Z');
  });

  it('run in the workspace’s time zone: Mondays at 09:00 in Shanghai and in New York', () => {
    expect(next('0 9 * * 1', '2026-11-27T00:00:00Z', 'Asia/Shanghai')).toBe('2026-11-30T01:00:00.000Z');
    expect(next('0 9 * * 1', '2026-11-27T00:00:00Z', 'America/New_York')).toBe('2026-11-30T14:00:00.000Z');
  });

  it('keep the local time across DST changes', () => {
    // Berlin: 09:00 is 08:00 UTC in winter time and 07:00 UTC in summer time (clocks went forward on 29 March).
    expect(next('0 9 * * *', '2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T07:00:00.000Z');
    expect(next('0 9 * * *', '2026-03-27T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-28T08:00:00.000Z');
    // 02:30 does not exist on 29 March in Berlin: it fires at the first valid moment after (03:30 CEST), once.
    expect(next('30 2 * * *', '2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(next('30 2 * * *', '2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-30T00:30:00.000Z');
    // 01:30 exists twice on 1 November in New York: it fires once, then the next day.
    expect(next('30 1 * * *', '2026-11-01T04:00:00Z', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(next('30 1 * * *', '2026-11-01T05:30:00Z', 'America/New_York')).toBe('2026-11-02T06:30:00.000Z');
  });

  it('name the field they cannot read', () => {
    expect(() => nextCronTime('61 * * * *', new Date())).toThrow(/minute/);
    expect(() => nextCronTime('* * *', new Date())).toThrow(CronError);
    expect(() => nextCronTime('0 0 * * * *', new Date())).toThrow(/five fields/);
    expect(() => nextCronTime('0 0 30 2 *', new Date())).toThrow(/never fires/);
  });
});
