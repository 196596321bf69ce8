import type { EntityManager } from '@switchboard/db';
import { sql, uuidV7 } from '@switchboard/contacts';
import { publishInboxEvent, type InboxEventKind } from '../realtime/inbox-events.ts';
import { conversationSummaries } from './conversation-summary.ts';
import { entriesById } from './conversation-entries.ts';
import { refreshSla } from '../sla/refresh-sla.ts';

export interface NewEntry {
  workspaceId: string;
  conversationId: string;
  kind: 'inbound' | 'outbound' | 'note' | 'activity';
  inboundMessageId?: string | null;
  messageId?: string | null;
  authorId?: string | null;
  body?: string | null;
  detail?: Record<string, unknown> | null;
  at?: Date;
}

/** Writes one entry of a conversation's history. */
export async function appendEntry(tx: EntityManager, entry: NewEntry): Promise<string> {
  const id = uuidV7();
  await sql(
    tx,
    `insert into conversation_entries (id, workspace_id, conversation_id, kind, inbound_message_id, message_id,
       author_id, body, detail, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, coalesce(?::timestamptz, clock_timestamp()))`,
    [
      id,
      entry.workspaceId,
      entry.conversationId,
      entry.kind,
      entry.inboundMessageId ?? null,
      entry.messageId ?? null,
      entry.authorId ?? null,
      entry.body ?? null,
      entry.detail ? JSON.stringify(entry.detail) : null,
      entry.at?.toISOString() ?? null,
    ],
  );
  return id;
}

/**
 * Tells every open inbox screen what changed, in the same transaction as the change: the conversation as the list
 * shows it and the new entries, so a screen updates without asking again.
 */
export async function announce(
  tx: EntityManager,
  workspaceId: string,
  conversationId: string,
  kind: InboxEventKind,
  entryIds: string[] = [],
): Promise<void> {
  await refreshSla(tx, workspaceId, conversationId);
  const [conversation] = await conversationSummaries(tx, workspaceId, [conversationId]);
  if (!conversation) return;
  const entries = await entriesById(tx, entryIds);
  await publishInboxEvent(tx, { workspaceId, conversationId, kind, payload: { conversation, entries } });
}
