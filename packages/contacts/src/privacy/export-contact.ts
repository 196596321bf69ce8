import type { EntityManager } from '@switchboard/db';
import { recordAudit, type Actor } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { contactView, type ContactRow } from '../profile/contact-row.ts';
import { contactConsents } from '../consent/consent.ts';
import { notesOf } from '../crm/notes.ts';
import { dealsOfContact } from '../crm/deals.ts';
import { companyOf } from '../crm/companies.ts';

/** Everything held about one contact, as one JSON document (GDPR art. 15 / PIPL art. 45). Audit-logged. */
export async function exportContact(em: EntityManager, contact: ContactRow, actor: Actor) {
  const [events, consents, notes, deals, company, lists, messages, received] = await Promise.all([
    sql<Record<string, unknown>>(
      em,
      `select id::text, name, properties, revenue::float8 as revenue, currency, source, message_id as "messageId",
              occurred_at as "occurredAt", received_at as "receivedAt"
         from events where contact_id = ? order by occurred_at`,
      [contact.id],
    ),
    contactConsents(em, contact.id),
    notesOf(em, contact.workspace_id, contact.id),
    dealsOfContact(em, contact.workspace_id, contact.id),
    companyOf(em, contact.workspace_id, contact.id),
    sql<{ name: string; kind: string; entered_at: Date }>(
      em,
      `select s.name, s.kind, m.entered_at from segment_members m join segments s on s.id = m.segment_id
       where m.contact_id = ? order by s.name`,
      [contact.id],
    ),
    sql<Record<string, unknown>>(
      em,
      `select id, channel, purpose, topic, status, to_address as "to", subject, created_at as "createdAt",
              sent_at as "sentAt", delivered_at as "deliveredAt", error
         from messages where contact_id = ? order by created_at`,
      [contact.id],
    ),
    sql<Record<string, unknown>>(
      em,
      `select id, channel, from_address as "from", subject, body, received_at as "receivedAt"
         from inbound_messages where contact_id = ? order by received_at`,
      [contact.id],
    ),
  ]);
  recordAudit(em, {
    workspaceId: contact.workspace_id,
    actor,
    action: 'contact.exported',
    target: { type: 'contact', id: contact.id },
  });
  await em.flush();
  return {
    exportedAt: new Date().toISOString(),
    contact: { ...contactView(contact), attributeWrittenAt: contact.attribute_written_at },
    consents: consents.current,
    consentHistory: consents.history,
    events,
    notes,
    deals,
    company,
    messagesSent: messages,
    messagesReceived: received,
    segments: lists.map((l) => ({ name: l.name, kind: l.kind, since: new Date(l.entered_at).toISOString() })),
  };
}
