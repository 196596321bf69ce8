import type { EntityManager } from '@switchboard/db';
import { requireContact, sql } from '@switchboard/contacts';
import { iso, type Timestamp } from '../ledger/timestamps.ts';

interface ConversationRow {
  direction: 'outbound' | 'inbound';
  id: string;
  channel: 'email' | 'sms' | 'wechat';
  purpose: string | null;
  status: string | null;
  subject: string | null;
  preview: string | null;
  error: string | null;
  gate_rule: string | null;
  keyword: string | null;
  at: Timestamp;
}

/**
 * Everything sent to and received from one contact, newest first: what the 360 page's Messages card shows. Outbound
 * rows carry their status and, when the gate held them back, the rule that did.
 */
export async function contactMessages(em: EntityManager, workspaceId: string, contactId: string, limit = 50) {
  await requireContact(em, workspaceId, contactId);
  const rows = await sql<ConversationRow>(
    em,
    `(select 'outbound' as direction, id, channel, purpose, status, subject,
        left(coalesce(content ->> 'body', content ->> 'text', content ->> 'subject'), 160) as preview,
        error, gate_decision ->> 'rule' as gate_rule, null as keyword, created_at as at
      from messages where workspace_id = ? and contact_id = ? order by created_at desc limit ?)
     union all
     (select 'inbound', id, channel, null, null, subject, left(body, 160), null, null, keyword, received_at
      from inbound_messages where workspace_id = ? and contact_id = ? order by received_at desc limit ?)
     order by at desc limit ?`,
    [workspaceId, contactId, limit, workspaceId, contactId, limit, limit],
  );
  return rows.map((r) => ({
    direction: r.direction,
    id: r.id,
    channel: r.channel,
    purpose: r.purpose,
    status: r.status,
    subject: r.subject,
    preview: r.preview,
    error: r.error,
    gateRule: r.gate_rule,
    keyword: r.keyword,
    at: iso(r.at),
  }));
}
export type ContactMessage = Awaited<ReturnType<typeof contactMessages>>[number];
