import { describe, expect, it } from 'vitest';
import { CronError, nextCronTime } from './cron.ts';

const next = (expression: string, after: string) => nextCronTime(expression, new Date(after)).toISOString();

describe('cron', () => {
  it('fires on the next matching minute, strictly after the given time', () => {
    expect(next('0 9 * * *', '2026-11-27T08:59:30Z')).toBe('2026-11-27T09:00:00.000Z');
    expect(next('0 9 * * *', '2026-11-27T09:00:00Z')).toBe('2026-11-28T09:00:00.000Z');
    expect(next('*/15 * * * *', '2026-11-27T10:07:00Z')).toBe('2026-11-27T10:15:00.000Z');
  });

  it('handles weekdays (0 and 7 are Sunday), ranges, lists and month rollover', () => {
    // 2026-11-27 is a Friday.
    expect(next('30 8 * * 1', '2026-11-27T00:00:00Z')).toBe('2026-11-30T08:30:00.000Z');
    expect(next('0 12 * * 7', '2026-11-27T00:00:00Z')).toBe('2026-11-29T12:00:00.000Z');
    expect(next('0 6 1,15 * *', '2026-11-27T00:00:00Z')).toBe('2026-12-01T06:00:00.000Z');
    expect(next('0 0 1 1-3/2 *', '2026-11-27T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('fires on either day field when both are restricted, as cron does', () => {
    expect(next('0 0 13 * 5', '2026-11-27T00:00:00Z')).toBe('2026-12-04T00:00:00.000Z');
  });

  it('names the field it cannot read', () => {
    expect(() => nextCronTime('61 * * * *', new Date())).toThrow(/minute field "61"/);
    expect(() => nextCronTime('* * *', new Date())).toThrow(CronError);
    expect(() => nextCronTime('0 0 30 2 *', new Date())).toThrow(/never fires/);
  });
});
