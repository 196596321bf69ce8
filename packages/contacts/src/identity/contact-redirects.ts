import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '../sql.ts';

/**
 * Records that `from` ids are gone: merged into `to`, or erased (`to` null). Earlier redirects that led to a `from`
 * now lead to `to`, so a chain of merges resolves in one step. Runs in the merge's or erasure's transaction.
 */
export async function redirectContacts(
  em: EntityManager,
  workspaceId: string,
  from: string[],
  to: string | null,
): Promise<void> {
  if (!from.length) return;
  await sql(em, `update contact_redirects set "to" = ? where "to" = any(${TEXT_LIST}::uuid[])`, [
    to,
    list(from),
  ]);
  await sql(
    em,
    `insert into contact_redirects ("from", workspace_id, "to", created_at)
     select f, ?, ?, now() from unnest(${TEXT_LIST}::uuid[]) as f
     on conflict ("from") do update set "to" = excluded."to"`,
    [workspaceId, to, list(from)],
  );
}

/**
 * Events carry no foreign key to contacts, so an event stored while its contact was being merged or erased can point
 * at an id that no longer exists. This re-points such events to the survivor, or deletes them after an erasure, for
 * redirects made in the last `withinMinutes` (a race lasts milliseconds: the audience refresh settles the last few
 * minutes every pass, before segments are refreshed; hourly housekeeping the last three hours, as a safety net).
 */
export async function settleContactRedirects(
  em: EntityManager,
  withinMinutes = 180,
): Promise<{ repointed: number; deleted: number }> {
  const since = `now() - make_interval(mins => ?)`;
  const repointed = await sql(
    em,
    `update events e set contact_id = r."to" from contact_redirects r
      where r.created_at > ${since} and r."to" is not null and e.contact_id = r."from" returning e.id`,
    [withinMinutes],
  );
  const deleted = await sql(
    em,
    `delete from events e using contact_redirects r
      where r.created_at > ${since} and r."to" is null and e.contact_id = r."from" returning e.id`,
    [withinMinutes],
  );
  return { repointed: repointed.length, deleted: deleted.length };
}
