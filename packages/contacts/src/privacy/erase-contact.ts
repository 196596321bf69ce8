import type { EntityManager } from '@switchboard/db';
import { recordAudit, type Actor } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import type { ContactRow } from '../profile/contact-row.ts';
import { suppress } from './suppressions.ts';
import { redirectContacts } from '../identity/contact-redirects.ts';

/**
 * GDPR/PIPL erasure: the contact and everything attached to it (events and their properties) are deleted, and each
 * of its identities is kept only as a hash in the suppression list, so a later import or identify of the same address
 * comes back marked do-not-contact. The audit entry records that an erasure happened, not who was erased.
 */
export async function eraseContact(em: EntityManager, contact: ContactRow, actor: Actor): Promise<void> {
  await em.transactional(async (tx) => {
    await suppress(
      tx,
      contact.workspace_id,
      {
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.phone ? { phone: contact.phone } : {}),
        ...(contact.wechat_id ? { wechatId: contact.wechat_id } : {}),
        ...(contact.external_id ? { externalId: contact.external_id } : {}),
      },
      'erasure',
    );
    await sql(tx, 'delete from events where contact_id = ?', [contact.id]);
    // Delivery records stay for the workspace's statistics, without the address or what was said to whom.
    await sql(
      tx,
      `update messages set to_address = null, subject = null, content = '{"erased":true}'::jsonb, gate_decision = null
       where contact_id = ?`,
      [contact.id],
    );
    await sql(tx, 'delete from inbound_messages where contact_id = ?', [contact.id]);
    // Webhook events not yet delivered would carry the person to a receiver after their erasure: dropped. The log of
    // what was delivered keeps its entries without their content; receivers hear `contact.erased` (a trigger).
    await sql(tx, `delete from webhook_deliveries where contact_id = ? and status = 'pending'`, [contact.id]);
    await sql(
      tx,
      `update webhook_deliveries set payload = jsonb_build_object('contactId', contact_id, 'erased', true),
         response_body = null
       where contact_id = ?`,
      [contact.id],
    );
    // Notes, deal links, list memberships and consents go with the contact (foreign keys cascade); deleted here
    // explicitly so the erasure does not depend on schema details. Deals stay as business records without the person.
    await sql(tx, 'delete from notes where contact_id = ?', [contact.id]);
    await sql(tx, 'delete from deal_contacts where contact_id = ?', [contact.id]);
    await sql(tx, 'delete from contacts where id = ?', [contact.id]);
    await redirectContacts(tx, contact.workspace_id, [contact.id], null);
    recordAudit(tx, {
      workspaceId: contact.workspace_id,
      actor,
      action: 'contact.erased',
      target: { type: 'contact', id: contact.id },
    });
  });
}
