/** Quiet hours: a daily local-time window (in the recipient's time zone) during which messages are held back. */
import {
  assertValidDate,
  endOfGap,
  instantsForLocal,
  localParts,
  MINUTE_MS,
  parseClock,
} from '@switchboard/contacts';

export { instantOfLocal, localParts, type LocalParts } from '@switchboard/contacts';

export interface QuietHours {
  /** 'HH:MM', local time, inclusive. */
  start: string;
  /** 'HH:MM', local time, exclusive. Earlier than `start` means the window wraps past midnight. */
  end: string;
}

/** How many local days after today the window ends, or null when `nowMinute` is outside the window. */
function daysUntilEnd(nowMinute: number, start: number, end: number): number | null {
  if (start < end) return nowMinute >= start && nowMinute < end ? 0 : null;
  if (nowMinute >= start) return 1; // wrapped window, evening side: ends tomorrow morning
  if (nowMinute < end) return 0; // wrapped window, morning side
  return null;
}

/**
 * Null when `now` is outside quiet hours in `timeZone`; otherwise the instant (UTC) when quiet hours end there.
 *
 * Membership is decided on the local wall clock to the minute, so on a fall-back night the repeated hour is quiet
 * (or not) both times. When the local end time occurs twice, the first occurrence after `now` is returned; when
 * it does not exist (spring-forward gap), the first instant after the gap is returned.
 */
export function quietHoursEnd(now: Date, timeZone: string, window: QuietHours): Date | null {
  assertValidDate(now);
  const start = parseClock(window.start, 'quiet hours start');
  const end = parseClock(window.end, 'quiet hours end');
  const local = localParts(now, timeZone);
  if (start === end) return null;

  const days = daysUntilEnd(local.hour * 60 + local.minute, start, end);
  if (days === null) return null;

  const endLocalMs = Date.UTC(local.year, local.month - 1, local.day + days) + end * MINUTE_MS;
  const candidates = instantsForLocal(endLocalMs, timeZone);
  // No candidate: the end time falls in a spring-forward gap. Two: a fall-back overlap, take the one after `now`
  // (the wall-clock check above guarantees there is one; the last candidate is only a defensive fallback).
  const next = candidates.find((t) => t > now.getTime()) ?? candidates.at(-1);
  return new Date(next ?? endOfGap(endLocalMs, timeZone));
}

/**
 * The first instant strictly after `now` when the local time in `timeZone` is `at` ('HH:MM'), on one of `weekdays`
 * (0 = Sunday; empty = any day). A time skipped by a spring-forward gap is taken as the first instant after the gap;
 * a time that occurs twice (fall-back) as its first occurrence after `now`.
 */
export function nextLocalTime(
  now: Date,
  timeZone: string,
  at: string,
  weekdays: readonly number[] = [],
): Date {
  assertValidDate(now);
  const minute = parseClock(at, 'time');
  const local = localParts(now, timeZone);
  for (let days = 0; days <= 8; days++) {
    const dayMs = Date.UTC(local.year, local.month - 1, local.day + days);
    if (weekdays.length > 0 && !weekdays.includes(new Date(dayMs).getUTCDay())) continue;
    const localMs = dayMs + minute * MINUTE_MS;
    const candidates = instantsForLocal(localMs, timeZone);
    const next =
      candidates.length > 0 ? candidates.find((t) => t > now.getTime()) : endOfGap(localMs, timeZone);
    if (next !== undefined && next > now.getTime()) return new Date(next);
  }
  throw new RangeError(`No weekday in [${weekdays.join(', ')}] to wait for`);
}
