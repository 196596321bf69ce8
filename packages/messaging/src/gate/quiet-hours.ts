/**
 * Quiet hours: a daily local-time window (in the recipient's time zone) during which messages are held back.
 *
 * Only Intl.DateTimeFormat is used to read the time zone database, so DST and odd offsets (+05:45, Lord Howe's
 * 30-minute shift) come from the runtime's ICU data rather than hand-written rules.
 */

export interface QuietHours {
  /** 'HH:MM', local time, inclusive. */
  start: string;
  /** 'HH:MM', local time, exclusive. Earlier than `start` means the window wraps past midnight. */
  end: string;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
  weekday: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Building a DateTimeFormat is the expensive part of a lookup, and the set of zones in use is small. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
  } catch {
    throw new RangeError(`Invalid time zone: ${timeZone}`);
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

function assertValidDate(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
}

/** Local wall-clock fields, seconds included, for offset arithmetic. */
function wallClock(instant: Date, timeZone: string): LocalParts & { second: number } {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  return {
    year: Number(fields.year),
    month: Number(fields.month),
    day: Number(fields.day),
    // Some ICU versions print midnight as "24" even with h23.
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
    second: Number(fields.second),
    weekday: WEEKDAYS.indexOf(fields.weekday ?? ''),
  };
}

/** Local calendar date and time of `instant` in `timeZone`. Throws RangeError for an unknown zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  assertValidDate(instant);
  const { second: _second, ...parts } = wallClock(instant, timeZone);
  return parts;
}

/** UTC offset (local − UTC, in ms) in effect at `epochMs`. */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000; // Intl drops milliseconds
  const p = wallClock(new Date(wholeSecond), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - wholeSecond;
}

/**
 * Every instant whose local time in `timeZone` is `localMs` (a wall-clock time encoded as if it were UTC): none in
 * a spring-forward gap, two in a fall-back overlap. Zones change offset at most once around any given day, so the
 * offsets a day either side cover every candidate.
 */
function instantsForLocal(localMs: number, timeZone: string): number[] {
  const offsets = new Set([
    offsetAt(localMs - DAY_MS, timeZone),
    offsetAt(localMs, timeZone),
    offsetAt(localMs + DAY_MS, timeZone),
  ]);
  const candidates = [...offsets]
    .map((offset) => localMs - offset)
    .filter((t) => offsetAt(t, timeZone) === localMs - t);
  return [...new Set(candidates)].sort((a, b) => a - b);
}

/**
 * First instant at or after the offset change that opens a gap around `localMs`. Searching by the offset (not by
 * wall time) finds the exact transition second whatever the size of the jump.
 */
function endOfGap(localMs: number, timeZone: string): number {
  const before = offsetAt(localMs - DAY_MS, timeZone);
  let lo = Math.floor((localMs - DAY_MS) / 1000); // offset === before here
  let hi = Math.ceil((localMs + DAY_MS) / 1000); // offset has changed by here
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

/** Parses 'HH:MM' (00:00–23:59) to minutes after midnight. */
function parseClock(value: string, label: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match)
    throw new RangeError(`Invalid quiet hours ${label} "${value}": expected HH:MM between 00:00 and 23:59`);
  return Number(match[1]) * 60 + Number(match[2]);
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
  const start = parseClock(window.start, 'start');
  const end = parseClock(window.end, 'end');
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

/**
 * The instant a local calendar date and time ('HH:MM') happens in `timeZone`: the first occurrence of a repeated
 * (fall-back) time, the end of the gap for a skipped (spring-forward) one. Month is 1–12.
 */
export function instantOfLocal(year: number, month: number, day: number, at: string, timeZone: string): Date {
  const localMs = Date.UTC(year, month - 1, day) + parseClock(at, 'time') * MINUTE_MS;
  formatterFor(timeZone);
  const [first] = instantsForLocal(localMs, timeZone);
  return new Date(first ?? endOfGap(localMs, timeZone));
}
