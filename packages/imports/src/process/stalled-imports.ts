import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

/**
 * Imports stored but never started: the server stopped between committing the upload and starting the workflow.
 * Older than a minute, so uploads that are starting right now are left to their own server.
 */
export async function stalledImportIds(em: EntityManager, olderThanSeconds = 60): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `select id from imports where status = 'queued' and created_at < now() - make_interval(secs => ?) order by created_at`,
    [olderThanSeconds],
  );
  return rows.map((r) => r.id);
}
