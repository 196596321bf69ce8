import type { EntityManager } from '@switchboard/db';
import { recordAudit, type Actor } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { contactView, type ContactRow } from '../profile/contact-row.ts';
import { contactConsents } from '../consent/consent.ts';

/** Everything held about one contact, as one JSON document (GDPR art. 15 / PIPL art. 45). Audit-logged. */
export async function exportContact(em: EntityManager, contact: ContactRow, actor: Actor) {
  const [events, consents] = await Promise.all([
    sql<Record<string, unknown>>(
      em,
      `select id::text, name, properties, revenue::float8 as revenue, currency, source, message_id as "messageId",
              occurred_at as "occurredAt", received_at as "receivedAt"
         from events where contact_id = ? order by occurred_at`,
      [contact.id],
    ),
    contactConsents(em, contact.id),
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
  };
}
