import { instantOfLocal, localParts, parseClock } from '@switchboard/contacts';

/** When a team works: the days (0 = Sunday … 6 = Saturday) and hours, in one time zone. */
export interface BusinessHours {
  timeZone: string;
  days: number[];
  /** 'HH:MM' local, inclusive. */
  from: string;
  /** 'HH:MM' local, exclusive; later than `from`. */
  to: string;
}

const MINUTE_MS = 60_000;

/** Business hours as stored, checked: a clear error names what is wrong. */
export function checkBusinessHours(hours: BusinessHours): BusinessHours {
  localParts(new Date(0), hours.timeZone);
  if (hours.days.length === 0 || hours.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
    throw new RangeError('Choose at least one working day');
  if (parseClock(hours.to, 'closing time') <= parseClock(hours.from, 'opening time'))
    throw new RangeError('The closing time must be after the opening time');
  return { ...hours, days: [...new Set(hours.days)].sort() };
}

/**
 * The instant `minutes` of business time after `start`: only minutes inside the working hours of working days count
 * (in the team's time zone, DST included). Without business hours every minute counts.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours | null): Date {
  if (!hours) return new Date(start.getTime() + minutes * MINUTE_MS);
  let cursor = start.getTime();
  let remaining = minutes * MINUTE_MS;
  // A year of calendar days is far more than any target needs; the bound only guards against a bad setting.
  for (let day = 0; day < 400; day++) {
    const local = localParts(new Date(cursor), hours.timeZone);
    if (hours.days.includes(local.weekday)) {
      const opens = instantOfLocal(local.year, local.month, local.day, hours.from, hours.timeZone).getTime();
      const closes = instantOfLocal(local.year, local.month, local.day, hours.to, hours.timeZone).getTime();
      const from = Math.max(cursor, opens);
      if (from < closes) {
        if (remaining <= closes - from) return new Date(from + remaining);
        remaining -= closes - from;
      }
    }
    cursor = instantOfLocal(local.year, local.month, local.day + 1, '00:00', hours.timeZone).getTime();
  }
  throw new RangeError('The business hours leave no time to meet this target');
}

/** Business minutes between two instants (for reports: first response and resolution times). */
export function businessMinutesBetween(start: Date, end: Date, hours: BusinessHours | null): number {
  if (end <= start) return 0;
  if (!hours) return (end.getTime() - start.getTime()) / MINUTE_MS;
  let total = 0;
  let cursor = start.getTime();
  for (let day = 0; day < 3660 && cursor < end.getTime(); day++) {
    const local = localParts(new Date(cursor), hours.timeZone);
    if (hours.days.includes(local.weekday)) {
      const opens = instantOfLocal(local.year, local.month, local.day, hours.from, hours.timeZone).getTime();
      const closes = instantOfLocal(local.year, local.month, local.day, hours.to, hours.timeZone).getTime();
      const from = Math.max(cursor, opens);
      const to = Math.min(end.getTime(), closes);
      if (to > from) total += to - from;
    }
    cursor = instantOfLocal(local.year, local.month, local.day + 1, '00:00', hours.timeZone).getTime();
  }
  return total / MINUTE_MS;
}
