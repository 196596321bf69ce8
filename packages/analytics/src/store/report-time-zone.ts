import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

/** The zone a workspace's report days are in: its default time zone (Settings → Sending), UTC without one. */
export async function reportTimeZone(em: EntityManager, workspaceId: string): Promise<string> {
  const [row] = await sql<{ zone: string }>(
    em,
    'select default_timezone as zone from messaging_policies where workspace_id = ?',
    [workspaceId],
  );
  return row?.zone || 'UTC';
}
