import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/** How many sends `scope` has left today under `limit`. */
export async function remainingToday(
  em: EntityManager,
  scope: string,
  limit: number,
  now: Date,
): Promise<number> {
  const [row] = await sql<{ count: number }>(
    em,
    'select count from send_counters where scope = ? and day = ?',
    [scope, utcDay(now)],
  );
  return limit - (row?.count ?? 0);
}

/**
 * Takes one send from today's allowance, atomically: the upsert increments only while below the limit, so two
 * workers racing for the last slot cannot both get it. Returns false when the allowance is used up.
 */
export async function reserveSendToday(
  em: EntityManager,
  scope: string,
  limit: number,
  now: Date,
): Promise<boolean> {
  const rows = await sql(
    em,
    `insert into send_counters (scope, day, count) values (?, ?, 1)
     on conflict (scope, day) do update set count = send_counters.count + 1 where send_counters.count < ?
     returning count`,
    [scope, utcDay(now), limit],
  );
  return rows.length > 0;
}
