import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { loadInboxSettings, slaPolicyOf } from '../settings/inbox-settings.ts';
import { nextSlaDeadline } from './sla-targets.ts';

interface Row {
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  opened_at: Date;
  waiting_since: Date | null;
  first_response_at: Date | null;
  sla_due_at: Date | null;
  sla_kind: string | null;
}

/**
 * Recomputes the conversation's nearest deadline after any change. A new deadline clears the warning, and the
 * breach mark once the new deadline lies ahead (the breach stays counted); the worker starts a timer for it.
 */
export async function refreshSla(
  tx: EntityManager,
  workspaceId: string,
  conversationId: string,
): Promise<void> {
  const [row] = await sql<Row>(
    tx,
    `select status, opened_at, waiting_since, first_response_at, sla_due_at, sla_kind from conversations
     where workspace_id = ? and id = ?`,
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
    slaPolicyOf(settings),
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
