import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { loadInboxSettings, slaPolicyOf } from '../settings/inbox-settings.ts';
import { nextSlaDeadline } from './sla-targets.ts';
import type { BusinessHours } from './business-time.ts';

interface Row {
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  opened_at: Date;
  waiting_since: Date | null;
  first_response_at: Date | null;
  sla_due_at: Date | null;
  sla_kind: string | null;
  team_hours: BusinessHours | null;
}

/**
 * Recomputes the conversation's nearest deadline after any change (in its team's business hours when the team has
 * its own). A new deadline clears the warning, and the
 * breach mark once the new deadline lies ahead (the breach stays counted); the worker starts a timer for it.
 */
export async function refreshSla(
  tx: EntityManager,
  workspaceId: string,
  conversationId: string,
): Promise<void> {
  const [row] = await sql<Row>(
    tx,
    `select cv.status, cv.opened_at, cv.waiting_since, cv.first_response_at, cv.sla_due_at, cv.sla_kind,
       t.business_hours as team_hours
     from conversations cv left join inbox_teams t on t.id = cv.team_id
     where cv.workspace_id = ? and cv.id = ?`,
    [workspaceId, conversationId],
  );
  if (!row) return;
  const settings = await loadInboxSettings(tx, workspaceId);
  const next = nextSlaDeadline(
    {
      status: row.status,
      openedAt: new Date(row.opened_at),
      waitingSince: row.waiting_since && new Date(row.waiting_since),
      firstResponseAt: row.first_response_at && new Date(row.first_response_at),
    },
    // A team's own business hours replace the workspace's for its conversations.
    { ...slaPolicyOf(settings), ...(row.team_hours ? { businessHours: row.team_hours } : {}) },
  );
  const due = next?.dueAt ?? null;
  const current = row.sla_due_at ? new Date(row.sla_due_at).getTime() : null;
  if ((due?.getTime() ?? null) === current && (next?.kind ?? null) === row.sla_kind) return;
  await sql(
    tx,
    `update conversations set sla_due_at = ?, sla_kind = ?, sla_warned_at = null,
       sla_breached_at = case when ?::timestamptz is null or ?::timestamptz > now() then null else sla_breached_at end
     where id = ?`,
    [due, next?.kind ?? null, due, due, conversationId],
  );
}
