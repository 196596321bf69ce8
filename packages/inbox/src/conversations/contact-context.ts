import type { EntityManager } from '@switchboard/db';
import { notFound } from '@switchboard/accounts';
import { sql, type ContactRow } from '@switchboard/contacts';
import { announce, appendEntry } from './conversation-feed.ts';

export interface RecentSend {
  kind: 'campaign' | 'journey';
  id: string;
  name: string;
  channel: string;
  /** The journey step that sent it. */
  step: string | null;
  at: string;
  status: string;
  opened: boolean;
  clicked: boolean;
}

/** The campaigns and journeys that last wrote to the contact (newest first), with what the contact did with them. */
export async function recentSends(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  limit = 6,
): Promise<RecentSend[]> {
  const rows = await sql<{
    kind: 'campaign' | 'journey';
    id: string;
    name: string;
    channel: string;
    step: string | null;
    at: Date;
    status: string;
    opened: boolean;
    clicked: boolean;
  }>(
    em,
    `select case when m.source_kind = 'campaign' then 'campaign' else 'journey' end as kind,
       coalesce(ca.id, j.id) as id, coalesce(ca.name, j.name) as name, m.channel, m.journey_node as step,
       m.created_at as at, m.status,
       exists (select 1 from message_events e where e.message_id = m.id and e.kind = 'opened' and not e.machine)
         as opened,
       exists (select 1 from message_events e where e.message_id = m.id and e.kind = 'clicked' and not e.machine)
         as clicked
     from messages m
     left join campaigns ca on m.source_kind = 'campaign' and ca.id::text = m.source_id
     left join journey_versions jv on jv.id = m.journey_version_id
     left join journeys j on j.id = jv.journey_id
     where m.workspace_id = ? and m.contact_id = ? and m.source_kind in ('campaign', 'journey')
       and coalesce(ca.id, j.id) is not null
     order by m.created_at desc limit ?`,
    [workspaceId, contactId, limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** The conversation's contact (of this workspace), for actions taken from beside the conversation. */
export async function contactOfConversation(
  em: EntityManager,
  workspaceId: string,
  conversationId: string,
): Promise<ContactRow> {
  const [contact] = await sql<ContactRow>(
    em,
    `select c.* from conversations cv join contacts c on c.id = cv.contact_id
     where cv.workspace_id = ? and cv.id = ?::uuid`,
    [workspaceId, conversationId],
  );
  if (!contact) throw notFound('Conversation');
  return contact;
}

/** Something an agent did about the contact from the inbox, kept in the conversation's history for everyone. */
export async function recordContactAction(
  em: EntityManager,
  workspaceId: string,
  authorId: string,
  conversationId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await em.transactional(async (tx) => {
    const entry = await appendEntry(tx, { workspaceId, conversationId, kind: 'activity', authorId, detail });
    await announce(tx, workspaceId, conversationId, 'conversation.updated', [entry]);
  });
}
