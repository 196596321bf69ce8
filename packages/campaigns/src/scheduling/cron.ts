import { Cron } from 'croner';

/** A recurrence that cannot be read or never fires; the message names what is wrong. */
export class CronError extends Error {}

const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

/**
 * A campaign's recurrence as croner reads it: five fields ("minute hour day-of-month month day-of-week", names such
 * as MON or JAN allowed), in the workspace's time zone. DST is croner's: a time that does not exist on the day
 * clocks go forward fires at the first valid moment after it, a time that exists twice when they go back fires once.
 * As in Vixie cron, when both day fields are restricted a day matching either fires.
 */
function cronFor(expression: string, timeZone: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new CronError('Use five fields: minute hour day-of-month month day-of-week');
  try {
    return new Cron(fields.join(' '), { timezone: timeZone, legacyMode: true, paused: true });
  } catch (error) {
    const message = (error as Error).message.replace(/^CronPattern:\s*/i, '');
    const field = FIELD_NAMES.find((name) => message.toLowerCase().includes(name.split(' ')[0]!));
    throw new CronError(
      field ? `Cannot read the ${field} field: ${message}` : `Cannot read "${expression}": ${message}`,
    );
  }
}

/** The first time strictly after `after` that the expression names, in `timeZone` (an IANA zone). */
export function nextCronTime(expression: string, after: Date, timeZone = 'UTC'): Date {
  const next = cronFor(expression, timeZone).nextRun(after);
  if (!next) throw new CronError(`"${expression}" never fires`);
  return next;
}
