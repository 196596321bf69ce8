import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, checkBusinessHours } from './business-time.ts';

const shanghai = { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const berlin = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };

describe('addBusinessMinutes', () => {
  it('counts every minute without business hours', () => {
    expect(addBusinessMinutes(new Date('2026-12-04T10:00:00Z'), 90, null).toISOString()).toBe(
      '2026-12-04T11:30:00.000Z',
    );
  });

  it('waits for opening time and skips the weekend', () => {
    // Friday 17:30 in Shanghai (09:30Z): 30 minutes left today, the other 30 on Monday from 09:00.
    expect(addBusinessMinutes(new Date('2026-12-04T09:30:00Z'), 60, shanghai).toISOString()).toBe(
      '2026-12-07T01:30:00.000Z',
    );
    // Saturday night: the whole hour is Monday morning.
    expect(addBusinessMinutes(new Date('2026-12-05T14:00:00Z'), 60, shanghai).toISOString()).toBe(
      '2026-12-07T02:00:00.000Z',
    );
  });

  it('follows daylight saving time (Berlin, last Sunday of March)', () => {
    // Friday 16:00 CET (15:00Z) + 2 h: 1 h on Friday, 1 h on Monday from 09:00 CEST (07:00Z).
    expect(addBusinessMinutes(new Date('2026-03-27T15:00:00Z'), 120, berlin).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });
});

describe('businessMinutesBetween', () => {
  it('is the inverse of adding', () => {
    const start = new Date('2026-12-04T09:30:00Z');
    const end = addBusinessMinutes(start, 600, shanghai);
    expect(businessMinutesBetween(start, end, shanghai)).toBe(600);
    expect(businessMinutesBetween(start, end, null)).toBeGreaterThan(600);
  });
});

describe('checkBusinessHours', () => {
  it('names what is wrong', () => {
    expect(() => checkBusinessHours({ ...shanghai, timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => checkBusinessHours({ ...shanghai, days: [] })).toThrow(/working day/);
    expect(() => checkBusinessHours({ ...shanghai, to: '08:00' })).toThrow(/after the opening/);
    expect(() => checkBusinessHours({ ...shanghai, from: '9am' })).toThrow(/opening time/);
  });
});
