import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';

/** One line of a conversation as agents see it. */
export interface ConversationEntryView {
  id: string;
  conversationId: string;
  kind: 'inbound' | 'outbound' | 'note' | 'activity';
  at: string;
  body: string | null;
  subject: string | null;
  author: { id: string; name: string } | null;
  /** Inbound: the keyword we acted on (opt_out, opt_in, help, auto_reply). */
  keyword: string | null;
  /** Outbound: where the ledger is with it, and why when it did not go. */
  delivery: { messageId: string; status: string; problem: string | null } | null;
  /** Inbound: the campaign or journey message it answers. */
  inReplyTo: { kind: 'campaign' | 'journey'; id: string; name: string; step: string | null } | null;
  detail: Record<string, unknown> | null;
}

interface EntryRow {
  id: string;
  conversation_id: string;
  kind: ConversationEntryView['kind'];
  created_at: Date;
  body: string | null;
  detail: Record<string, unknown> | null;
  author_id: string | null;
  author_name: string | null;
  inbound_body: string | null;
  inbound_subject: string | null;
  keyword: string | null;
  message_id: string | null;
  message_status: string | null;
  message_error: string | null;
  gate_decision: { reasons?: string[] } | null;
  replied_campaign_id: string | null;
  replied_campaign_name: string | null;
  replied_journey_id: string | null;
  replied_journey_name: string | null;
  replied_journey_node: string | null;
}

const ENTRY_SELECT = `
  select e.id, e.conversation_id, e.kind, e.created_at, e.body, e.detail, e.author_id, u.name as author_name,
    i.body as inbound_body, i.subject as inbound_subject, i.keyword,
    m.id as message_id, m.status as message_status, m.error as message_error, m.gate_decision,
    ca.id as replied_campaign_id, ca.name as replied_campaign_name,
    j.id as replied_journey_id, j.name as replied_journey_name, rm.journey_node as replied_journey_node
  from conversation_entries e
  left join users u on u.id = e.author_id
  left join inbound_messages i on i.id = e.inbound_message_id
  left join messages m on m.id = e.message_id
  left join messages rm on rm.id = i.in_reply_to_id
  left join campaigns ca on rm.source_kind = 'campaign' and ca.id::text = rm.source_id
  left join journey_versions jv on jv.id = rm.journey_version_id
  left join journeys j on j.id = jv.journey_id`;

const NOT_SENT = new Set(['suppressed', 'failed', 'bounced']);

function toView(row: EntryRow): ConversationEntryView {
  const problem =
    row.message_status && NOT_SENT.has(row.message_status)
      ? (row.message_error ?? row.gate_decision?.reasons?.[0] ?? null)
      : null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind,
    at: new Date(row.created_at).toISOString(),
    body: row.kind === 'inbound' ? row.inbound_body : row.body,
    subject: row.inbound_subject,
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    keyword: row.keyword,
    delivery: row.message_id
      ? { messageId: row.message_id, status: row.message_status ?? 'queued', problem }
      : null,
    inReplyTo: row.replied_campaign_id
      ? { kind: 'campaign', id: row.replied_campaign_id, name: row.replied_campaign_name ?? '', step: null }
      : row.replied_journey_id
        ? {
            kind: 'journey',
            id: row.replied_journey_id,
            name: row.replied_journey_name ?? '',
            step: row.replied_journey_node,
          }
        : null,
    detail: row.detail,
  };
}

/** A conversation's entries in order (the newest `limit`, oldest first). */
export async function conversationEntries(
  em: EntityManager,
  conversationId: string,
  limit = 500,
): Promise<ConversationEntryView[]> {
  const rows = await sql<EntryRow>(
    em,
    `select * from (${ENTRY_SELECT} where e.conversation_id = ? order by e.created_at desc, e.id desc limit ?) x
     order by created_at, id`,
    [conversationId, limit],
  );
  return rows.map(toView);
}

export async function entriesById(em: EntityManager, ids: string[]): Promise<ConversationEntryView[]> {
  if (ids.length === 0) return [];
  const rows = await sql<EntryRow>(
    em,
    `${ENTRY_SELECT} where e.id = any(${TEXT_LIST}::uuid[]) order by e.created_at, e.id`,
    [list(ids)],
  );
  return rows.map(toView);
}
