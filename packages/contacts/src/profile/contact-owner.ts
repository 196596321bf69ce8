import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, notificationCopy, userLocale, type Actor } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { personName } from './person-name.ts';

/**
 * Sets (or clears) a contact's owner by hand. The new owner must be a member; the change goes on the timeline, and
 * someone handed a contact by another person is notified.
 */
export async function setContactOwner(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  ownerId: string | null,
  actor: Actor,
) {
  return em.transactional(async (tx) => {
    let owner: { id: string; name: string; locale: string | null } | undefined;
    if (ownerId) {
      [owner] = await sql<{ id: string; name: string; locale: string | null }>(
        tx,
        'select u.id, u.name, u.locale from memberships m join users u on u.id = m.user_id where m.workspace_id = ? and u.id = ?',
        [workspaceId, ownerId],
      );
      if (!owner) throw conflict('The owner must be a member of this workspace', 'ownerId');
    }
    const [contact] = await sql<{
      email: string | null;
      first_name: string | null;
      last_name: string | null;
      locale: string | null;
    }>(
      tx,
      `update contacts set owner_id = ?, updated_at = now() where workspace_id = ? and id = ?
       returning email, first_name, last_name, locale`,
      [ownerId, workspaceId, contactId],
    );
    if (!contact) throw notFound('Contact');
    const reason = owner ? `Assigned to ${owner.name} by ${actor.label}` : `Owner removed by ${actor.label}`;
    await sql(
      tx,
      `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
       values (?, ?, 'owner_assigned', ?::jsonb, 'app', now(), now())`,
      [workspaceId, contactId, JSON.stringify({ ownerId, ownerName: owner?.name ?? null, reason })],
    );
    if (owner && owner.id !== actor.id) {
      const name =
        personName({ firstName: contact.first_name, lastName: contact.last_name, locale: contact.locale }) ||
        contact.email ||
        'A contact';
      await sql(
        tx,
        `insert into notifications (workspace_id, user_id, kind, title, body, link, created_at)
         values (?, ?, 'contact_assigned', ?, ?, ?, now())`,
        [
          workspaceId,
          owner.id,
          notificationCopy(userLocale(owner.locale)).newLead(name),
          notificationCopy(userLocale(owner.locale)).assignedByMember(name, actor.label),
          `/contacts/${contactId}`,
        ],
      );
    }
    return { ownerId };
  });
}
