import { describe, expect, it } from 'vitest';
import { calendarDay, dueOccasion } from './date-triggers.ts';

const birthday = { kind: 'date' as const, attribute: 'birthday', offsetDays: 0, at: '09:00', yearly: true };
const renewal = {
  kind: 'date' as const,
  attribute: 'renewal_date',
  offsetDays: -7,
  at: '10:00',
  yearly: false,
};

describe('date triggers', () => {
  it('reads real calendar days only', () => {
    expect(calendarDay('1990-05-17')).toEqual({ year: 1990, month: 5, day: 17 });
    expect(calendarDay('1990-05-17T00:00:00Z')).toEqual({ year: 1990, month: 5, day: 17 });
    expect(calendarDay('2026-02-31')).toBeNull();
    expect(calendarDay('17/05/1990')).toBeNull();
    expect(calendarDay(19900517)).toBeNull();
  });

  it('is due on this year’s anniversary at the local time, for a day', () => {
    // 09:00 in Shanghai on 17 May 2026 is 01:00 UTC.
    expect(dueOccasion('1990-05-17', birthday, 'Asia/Shanghai', new Date('2026-05-17T00:59:00Z'))).toBeNull();
    expect(dueOccasion('1990-05-17', birthday, 'Asia/Shanghai', new Date('2026-05-17T01:00:00Z'))).toEqual({
      occasion: '2026-05-17',
      due: new Date('2026-05-17T01:00:00Z'),
    });
    expect(
      dueOccasion('1990-05-17', birthday, 'Asia/Shanghai', new Date('2026-05-18T00:59:00Z')),
    ).not.toBeNull();
    expect(dueOccasion('1990-05-17', birthday, 'Asia/Shanghai', new Date('2026-05-18T01:00:00Z'))).toBeNull();
  });

  it('counts an offset before a one-off date, across a year end', () => {
    // Renewal on 3 January 2027, a week before at 10:00 in London: 27 December 2026 10:00 UTC.
    expect(
      dueOccasion('2027-01-03', renewal, 'Europe/London', new Date('2026-12-27T10:00:00Z'))?.occasion,
    ).toBe('2026-12-27');
    expect(dueOccasion('2027-01-03', renewal, 'Europe/London', new Date('2026-12-27T09:59:00Z'))).toBeNull();
  });

  it('celebrates 29 February on 1 March in other years', () => {
    expect(dueOccasion('2000-02-29', birthday, 'UTC', new Date('2026-03-01T09:30:00Z'))?.occasion).toBe(
      '2026-03-01',
    );
  });
});
