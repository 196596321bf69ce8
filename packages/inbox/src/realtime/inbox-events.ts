import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

/** The NOTIFY channel every server process listens on; the payload is the workspace id. */
export const INBOX_CHANNEL = 'switchboard_inbox';
/** Typing and presence: seen live or not at all, so they skip the table. */
export const INBOX_EPHEMERAL_CHANNEL = 'switchboard_inbox_live';

export type InboxEventKind =
  'conversation.created' | 'conversation.updated' | 'entry.created' | 'entry.updated';

export interface InboxEventRow {
  id: number;
  workspaceId: string;
  conversationId: string | null;
  kind: InboxEventKind;
  payload: Record<string, unknown>;
  createdAt: string;
}

interface StoredRow {
  id: string;
  workspace_id: string;
  conversation_id: string | null;
  kind: InboxEventKind;
  payload: Record<string, unknown>;
  created_at: Date;
}

const toRow = (r: StoredRow): InboxEventRow => ({
  id: Number(r.id),
  workspaceId: r.workspace_id,
  conversationId: r.conversation_id,
  kind: r.kind,
  payload: r.payload,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Appends to the workspace's change feed inside the caller's transaction and wakes every server on commit. The
 * per-workspace lock (held to commit) makes ids visible in the order they were taken, so a reader that has seen id
 * n never later finds a smaller one: resuming "after n" cannot skip anything.
 */
export async function publishInboxEvent(
  tx: EntityManager,
  event: { workspaceId: string; conversationId: string | null; kind: InboxEventKind; payload: object },
): Promise<number> {
  await sql(tx, `select pg_advisory_xact_lock(hashtextextended('inbox:' || ?, 11))`, [event.workspaceId]);
  const [row] = await sql<{ id: string }>(
    tx,
    `insert into inbox_events (workspace_id, conversation_id, kind, payload, created_at)
     values (?, ?, ?, ?::jsonb, now()) returning id`,
    [event.workspaceId, event.conversationId, event.kind, JSON.stringify(event.payload)],
  );
  await sql(tx, 'select pg_notify(?, ?)', [INBOX_CHANNEL, event.workspaceId]);
  return Number(row?.id);
}

/** Events of one workspace after `afterId`, oldest first. */
export async function inboxEventsAfter(
  em: EntityManager,
  workspaceId: string,
  afterId: number,
  limit = 500,
): Promise<InboxEventRow[]> {
  const rows = await sql<StoredRow>(
    em,
    `select id, workspace_id, conversation_id, kind, payload, created_at from inbox_events
     where workspace_id = ? and id > ? order by id limit ?`,
    [workspaceId, afterId, limit],
  );
  return rows.map(toRow);
}

/** The newest event id of a workspace (0 when none): where a fresh stream starts. */
export async function latestInboxEventId(em: EntityManager, workspaceId: string): Promise<number> {
  const [row] = await sql<{ id: string | null }>(
    em,
    'select max(id) as id from inbox_events where workspace_id = ?',
    [workspaceId],
  );
  return Number(row?.id ?? 0);
}

/** The feed is for screens that are open now; a day is far longer than any reconnect. */
export async function purgeOldInboxEvents(em: EntityManager): Promise<number> {
  const [row] = await sql<{ n: string }>(
    em,
    `with gone as (delete from inbox_events where created_at < now() - interval '1 day' returning 1)
     select count(*) as n from gone`,
  );
  return Number(row?.n ?? 0);
}
