import { describe, expect, it } from 'vitest';
import { instantOfLocal, localParts, nextLocalTime, quietHoursEnd, type QuietHours } from './quiet-hours.ts';

const NIGHT: QuietHours = { start: '21:00', end: '08:00' };
const LUNCH: QuietHours = { start: '12:00', end: '14:00' };

/** Expected instants are written by hand from the zone rules, never computed with the code under test. */
function endAt(now: string, timeZone: string, window: QuietHours): string | null {
  return quietHoursEnd(new Date(now), timeZone, window)?.toISOString() ?? null;
}

describe('localParts', () => {
  it('reads the wall clock either side of a spring-forward jump', () => {
    expect(localParts(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toEqual({
      year: 2026,
      month: 3,
      day: 8,
      hour: 1,
      minute: 59,
      weekday: 0,
    });
    expect(localParts(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toMatchObject({
      hour: 3,
      minute: 0,
    });
  });

  it('handles quarter-hour offsets and midnight', () => {
    expect(localParts(new Date('2026-01-10T18:15:00Z'), 'Asia/Kathmandu')).toEqual({
      year: 2026,
      month: 1,
      day: 11,
      hour: 0,
      minute: 0,
      weekday: 0,
    });
  });

  it('throws a RangeError naming an unknown zone', () => {
    expect(() => localParts(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localParts(new Date(), 'Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
  });
});

describe('quietHoursEnd: basics (Asia/Shanghai, UTC+8, no DST)', () => {
  const tz = 'Asia/Shanghai';

  it('returns the next morning when inside the evening side of a wrapping window', () => {
    expect(endAt('2026-06-01T14:00:00Z', tz, NIGHT)).toBe('2026-06-02T00:00:00.000Z'); // 22:00 local
    expect(endAt('2026-06-01T13:00:00Z', tz, NIGHT)).toBe('2026-06-02T00:00:00.000Z'); // 21:00 local, inclusive
  });

  it('returns this morning when inside the morning side', () => {
    expect(endAt('2026-05-31T16:00:00Z', tz, NIGHT)).toBe('2026-06-01T00:00:00.000Z'); // 00:00 local
    expect(endAt('2026-05-31T23:59:59Z', tz, NIGHT)).toBe('2026-06-01T00:00:00.000Z'); // 07:59:59 local
  });

  it('returns null outside the window, with the end exclusive', () => {
    expect(endAt('2026-06-01T00:00:00Z', tz, NIGHT)).toBeNull(); // 08:00 local
    expect(endAt('2026-06-01T12:59:59Z', tz, NIGHT)).toBeNull(); // 20:59:59 local
  });

  it('handles a window that does not wrap midnight', () => {
    expect(endAt('2026-06-01T04:30:00Z', tz, LUNCH)).toBe('2026-06-01T06:00:00.000Z'); // 12:30 local
    expect(endAt('2026-06-01T03:59:00Z', tz, LUNCH)).toBeNull(); // 11:59 local
    expect(endAt('2026-06-01T06:00:00Z', tz, LUNCH)).toBeNull(); // 14:00 local
    expect(endAt('2026-06-01T14:00:00Z', tz, LUNCH)).toBeNull(); // 22:00 local
  });

  it('treats start == end as no quiet hours', () => {
    expect(endAt('2026-06-01T14:00:00Z', tz, { start: '22:00', end: '22:00' })).toBeNull();
    expect(endAt('2026-06-01T14:00:00Z', tz, { start: '00:00', end: '00:00' })).toBeNull();
  });

  it('crosses month and year ends', () => {
    expect(endAt('2026-12-31T15:00:00Z', tz, NIGHT)).toBe('2027-01-01T00:00:00.000Z');
  });

  it('rejects malformed times and unknown zones', () => {
    expect(() => endAt('2026-06-01T14:00:00Z', tz, { start: '9:00', end: '08:00' })).toThrow(RangeError);
    expect(() => endAt('2026-06-01T14:00:00Z', tz, { start: '21:00', end: '24:00' })).toThrow(RangeError);
    expect(() => endAt('2026-06-01T14:00:00Z', 'Not/AZone', NIGHT)).toThrow(/Not\/AZone/);
    expect(() => endAt('2026-06-01T14:00:00Z', 'Not/AZone', { start: '01:00', end: '01:00' })).toThrow(
      RangeError,
    );
  });
});

describe('quietHoursEnd: America/New_York', () => {
  const tz = 'America/New_York';

  describe('2026-03-08, spring forward 02:00 EST -> 03:00 EDT (07:00Z)', () => {
    it('ends at 08:00 EDT when the night started in EST', () => {
      expect(endAt('2026-03-08T04:00:00Z', tz, NIGHT)).toBe('2026-03-08T12:00:00.000Z'); // 23:00 EST on the 7th
      expect(endAt('2026-03-08T06:59:00Z', tz, NIGHT)).toBe('2026-03-08T12:00:00.000Z'); // 01:59 EST
      expect(endAt('2026-03-08T07:00:00Z', tz, NIGHT)).toBe('2026-03-08T12:00:00.000Z'); // 03:00 EDT
      expect(endAt('2026-03-08T11:59:00Z', tz, NIGHT)).toBe('2026-03-08T12:00:00.000Z'); // 07:59 EDT
      expect(endAt('2026-03-08T12:00:00Z', tz, NIGHT)).toBeNull(); // 08:00 EDT
    });

    it('returns the first instant after the gap when the end time does not exist', () => {
      const window = { start: '22:00', end: '02:30' };
      expect(endAt('2026-03-08T05:00:00Z', tz, window)).toBe('2026-03-08T07:00:00.000Z'); // 00:00 EST
      expect(endAt('2026-03-08T06:59:59Z', tz, window)).toBe('2026-03-08T07:00:00.000Z'); // 01:59:59 EST
      expect(endAt('2026-03-08T07:00:00Z', tz, window)).toBeNull(); // 03:00 EDT
    });

    it('handles an end time exactly at the start of the gap', () => {
      expect(endAt('2026-03-08T05:00:00Z', tz, { start: '22:00', end: '02:00' })).toBe(
        '2026-03-08T07:00:00.000Z',
      );
    });
  });

  describe('2026-11-01, fall back 02:00 EDT -> 01:00 EST (06:00Z)', () => {
    it('ends at 08:00 EST when the night started in EDT', () => {
      expect(endAt('2026-11-01T01:00:00Z', tz, NIGHT)).toBe('2026-11-01T13:00:00.000Z'); // 21:00 EDT on Oct 31
      expect(endAt('2026-11-01T12:59:00Z', tz, NIGHT)).toBe('2026-11-01T13:00:00.000Z'); // 07:59 EST
      expect(endAt('2026-11-01T13:00:00Z', tz, NIGHT)).toBeNull();
    });

    it('picks the occurrence of a repeated end time that follows now', () => {
      const window = { start: '00:00', end: '01:30' };
      expect(endAt('2026-11-01T05:10:00Z', tz, window)).toBe('2026-11-01T05:30:00.000Z'); // 01:10 EDT
      expect(endAt('2026-11-01T05:45:00Z', tz, window)).toBeNull(); // 01:45 EDT
      expect(endAt('2026-11-01T06:10:00Z', tz, window)).toBe('2026-11-01T06:30:00.000Z'); // 01:10 EST
      expect(endAt('2026-11-01T06:30:00Z', tz, window)).toBeNull(); // 01:30 EST
    });

    it('uses the first 01:30 when quiet hours began before the repeated hour', () => {
      expect(endAt('2026-11-01T03:00:00Z', tz, { start: '22:00', end: '01:30' })).toBe(
        '2026-11-01T05:30:00.000Z',
      );
    });
  });
});

describe('quietHoursEnd: Europe/Berlin', () => {
  const tz = 'Europe/Berlin';

  it('2026-03-29: 02:00 CET -> 03:00 CEST at 01:00Z', () => {
    expect(endAt('2026-03-28T21:00:00Z', tz, NIGHT)).toBe('2026-03-29T06:00:00.000Z'); // 22:00 CET
    expect(endAt('2026-03-28T23:30:00Z', tz, { start: '23:00', end: '02:30' })).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('2026-10-25: 03:00 CEST -> 02:00 CET at 01:00Z', () => {
    expect(endAt('2026-10-24T20:00:00Z', tz, NIGHT)).toBe('2026-10-25T07:00:00.000Z'); // 22:00 CEST
    const window = { start: '00:00', end: '02:30' };
    expect(endAt('2026-10-25T00:15:00Z', tz, window)).toBe('2026-10-25T00:30:00.000Z'); // 02:15 CEST
    expect(endAt('2026-10-25T00:45:00Z', tz, window)).toBeNull(); // 02:45 CEST
    expect(endAt('2026-10-25T01:15:00Z', tz, window)).toBe('2026-10-25T01:30:00.000Z'); // 02:15 CET
  });

  it('handles a lunch window in summer time', () => {
    expect(endAt('2026-07-01T10:30:00Z', tz, LUNCH)).toBe('2026-07-01T12:00:00.000Z'); // 12:30 CEST
  });
});

describe('quietHoursEnd: Australia/Lord_Howe (UTC+10:30, DST +11:00)', () => {
  const tz = 'Australia/Lord_Howe';

  it('2026-10-04: 02:00 -> 02:30 (15:30Z on the 3rd)', () => {
    expect(endAt('2026-10-03T12:00:00Z', tz, NIGHT)).toBe('2026-10-03T21:00:00.000Z'); // 22:30 +10:30 -> 08:00 +11
    expect(endAt('2026-10-03T12:00:00Z', tz, { start: '22:00', end: '02:15' })).toBe(
      '2026-10-03T15:30:00.000Z',
    );
  });

  it('2026-04-05: 02:00 -> 01:30 (15:00Z on the 4th), 01:30–02:00 happens twice', () => {
    const window = { start: '00:00', end: '01:45' };
    expect(endAt('2026-04-04T14:40:00Z', tz, window)).toBe('2026-04-04T14:45:00.000Z'); // 01:40 +11
    expect(endAt('2026-04-04T14:50:00Z', tz, window)).toBeNull(); // 01:50 +11
    expect(endAt('2026-04-04T15:10:00Z', tz, window)).toBe('2026-04-04T15:15:00.000Z'); // 01:40 +10:30
    expect(endAt('2026-04-04T10:00:00Z', tz, NIGHT)).toBe('2026-04-04T21:30:00.000Z'); // 21:00 +11 -> 08:00 +10:30
  });
});

describe('quietHoursEnd: Asia/Kathmandu (UTC+05:45)', () => {
  const tz = 'Asia/Kathmandu';

  it('uses the quarter-hour offset', () => {
    expect(endAt('2026-01-10T16:00:00Z', tz, NIGHT)).toBe('2026-01-11T02:15:00.000Z'); // 21:45 local
    expect(endAt('2026-01-11T02:14:00Z', tz, NIGHT)).toBe('2026-01-11T02:15:00.000Z'); // 07:59 local
    expect(endAt('2026-01-11T02:15:00Z', tz, NIGHT)).toBeNull(); // 08:00 local
    expect(endAt('2026-01-10T15:14:00Z', tz, NIGHT)).toBeNull(); // 20:59 local
  });
});

describe('nextLocalTime', () => {
  it('is later today when the time has not come yet, else tomorrow, in the contact’s zone', () => {
    // 07:00 in Shanghai (UTC+8) is 23:00 UTC the day before.
    expect(nextLocalTime(new Date('2026-03-01T23:00:00Z'), 'Asia/Shanghai', '09:30').toISOString()).toBe(
      '2026-03-02T01:30:00.000Z',
    );
    expect(nextLocalTime(new Date('2026-03-02T02:00:00Z'), 'Asia/Shanghai', '09:30').toISOString()).toBe(
      '2026-03-03T01:30:00.000Z',
    );
  });

  it('waits for one of the chosen weekdays', () => {
    // Wednesday 4 March 2026, 10:00 in New York; Mondays only → Monday 9 March 09:00 EDT (DST began 8 March).
    expect(
      nextLocalTime(new Date('2026-03-04T15:00:00Z'), 'America/New_York', '09:00', [1]).toISOString(),
    ).toBe('2026-03-09T13:00:00.000Z');
  });

  it('takes the first instant after a spring-forward gap and the first of a repeated hour', () => {
    // 02:30 does not exist in New York on 8 March 2026: 03:00 EDT = 07:00 UTC.
    expect(nextLocalTime(new Date('2026-03-08T05:00:00Z'), 'America/New_York', '02:30').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    // 01:30 happens twice on 1 November 2026: first as EDT (05:30 UTC).
    expect(nextLocalTime(new Date('2026-11-01T04:00:00Z'), 'America/New_York', '01:30').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });
});

describe('instantOfLocal', () => {
  it('places a local date and time in the zone, DST included', () => {
    expect(instantOfLocal(2026, 7, 1, '09:00', 'Europe/Paris').toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(instantOfLocal(2026, 1, 1, '09:00', 'Europe/Paris').toISOString()).toBe(
      '2026-01-01T08:00:00.000Z',
    );
    expect(instantOfLocal(2026, 3, 8, '02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(() => instantOfLocal(2026, 1, 1, '09:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});
