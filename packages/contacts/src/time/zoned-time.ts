/**
 * Local time in IANA time zones: wall-clock fields of an instant, and the instant of a local date and time.
 *
 * Only Intl.DateTimeFormat is used to read the time zone database, so DST and odd offsets (+05:45, Lord Howe's
 * 30-minute shift) come from the runtime's ICU data rather than hand-written rules.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
  weekday: number;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Building a DateTimeFormat is the expensive part of a lookup, and the set of zones in use is small. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatterFor(timeZone: string): Intl.DateTimeFormat {
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

export function assertValidDate(instant: Date): void {
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
export function offsetAt(epochMs: number, timeZone: string): number {
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
export function instantsForLocal(localMs: number, timeZone: string): number[] {
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
export function endOfGap(localMs: number, timeZone: string): number {
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

/** Parses 'HH:MM' (00:00–23:59) to minutes after midnight; `label` names the value in the error. */
export function parseClock(value: string, label: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`Invalid ${label} "${value}": expected HH:MM between 00:00 and 23:59`);
  return Number(match[1]) * 60 + Number(match[2]);
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
