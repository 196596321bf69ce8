/**
 * Five-field cron ("minute hour day-of-month month day-of-week"), evaluated in UTC: numbers, `*`, ranges `a-b`, steps
 * `*\/n` and `a-b/n`, and lists. As in Vixie cron, when both day fields are restricted a day matching either fires.
 */
export class CronError extends Error {}

interface Field {
  values: Set<number>;
  any: boolean;
}

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

function parseField(text: string, index: number): Field {
  const [min, max] = RANGES[index]!;
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new CronError(`Cannot read the ${NAMES[index]} field "${text}"`);
    const step = match[4] ? Number(match[4]) : 1;
    const from = match[1] === '*' ? min : Number(match[2]);
    const to = match[1] === '*' ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
    if (step < 1 || from < min || to > max || from > to)
      throw new CronError(`The ${NAMES[index]} field "${text}" is outside ${min}–${max}`);
    for (let value = from; value <= to; value += step) values.add(index === 4 && value === 7 ? 0 : value);
  }
  return { values, any: text === '*' };
}

export function parseCron(expression: string): Field[] {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new CronError('Use five fields: minute hour day-of-month month day-of-week');
  return fields.map(parseField);
}

/** The first minute strictly after `after` that the expression fires at (UTC), within the next five years. */
export function nextCronTime(expression: string, after: Date): Date {
  const [minute, hour, dom, month, dow] = parseCron(expression) as [Field, Field, Field, Field, Field];
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!month.values.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0);
      continue;
    }
    const domOk = dom.values.has(t.getUTCDate());
    const dowOk = dow.values.has(t.getUTCDay());
    const dayOk = dom.any && dow.any ? true : dom.any ? dowOk : dow.any ? domOk : domOk || dowOk;
    if (!dayOk) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0);
      continue;
    }
    if (!hour.values.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0);
      continue;
    }
    if (!minute.values.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      continue;
    }
    return t;
  }
  throw new CronError(`"${expression}" never fires`);
}
