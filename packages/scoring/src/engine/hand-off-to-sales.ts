import type { EntityManager } from '@switchboard/db';
import { notificationCopy, userLocale, USER_LOCALES, type NotificationCopy } from '@switchboard/accounts';
import { personName, sql, type ContactRow } from '@switchboard/contacts';
import { assignOwners } from './hand-off.ts';

export const contactDisplayName = (contact: ContactRow) =>
  personName({ firstName: contact.first_name, lastName: contact.last_name, locale: contact.locale }) ||
  contact.email ||
  contact.phone ||
  'A contact';

/**
 * In-app notifications for these members (emailed by the notification mailer when `email`), each written in its
 * reader's language: title and body are given as functions of the words.
 */
export async function notifyMembers(
  em: EntityManager,
  workspaceId: string,
  userIds: string[],
  note: {
    kind: string;
    title: (copy: NotificationCopy) => string;
    body: (copy: NotificationCopy) => string;
    link: string;
    email: boolean;
  },
): Promise<void> {
  if (userIds.length === 0) return;
  const readers = await sql<{ id: string; locale: string | null }>(
    em,
    'select id, locale from users where id = any(?::uuid[])',
    [`{${userIds.join(',')}}`],
  );
  for (const locale of USER_LOCALES) {
    const ids = readers.filter((r) => userLocale(r.locale) === locale).map((r) => r.id);
    if (ids.length === 0) continue;
    const copy = notificationCopy(locale);
    await sql(
      em,
      `insert into notifications (workspace_id, user_id, kind, title, body, link, created_at, email_status)
       select ?, u, ?, ?, ?, ?, now(), ? from unnest(?::uuid[]) as u`,
      [
        workspaceId,
        note.kind,
        note.title(copy).slice(0, 500),
        note.body(copy),
        note.link,
        note.email ? 'pending' : null,
        `{${ids.join(',')}}`,
      ],
    );
  }
}

/** Members of the workspace with these roles, longest-standing first. */
export async function membersWithRoles(
  em: EntityManager,
  workspaceId: string,
  roles: string[],
): Promise<string[]> {
  const rows = await sql<{ user_id: string }>(
    em,
    `select user_id from memberships where workspace_id = ? and role = any(?::text[]) order by created_at`,
    [workspaceId, `{${roles.join(',')}}`],
  );
  return rows.map((r) => r.user_id);
}

export type HandOffOutcome =
  | { result: 'assigned'; ownerId: string }
  | { result: 'owner_notified'; ownerId: string }
  | { result: 'no_rule' };

/**
 * Hands the contact to sales: the workspace's owner rules pick an owner (round-robin), who is notified in the app
 * and by email. A contact who already has an owner brings that owner a notification instead; with no rule that
 * fits, the workspace's owners and admins hear about it so the lead is not lost. `why` says who asked.
 */
export async function handOffToSales(
  em: EntityManager,
  workspaceId: string,
  contact: ContactRow,
  why: string,
): Promise<HandOffOutcome> {
  const link = `/contacts/${contact.id}`;
  if (contact.owner_id) {
    await notifyMembers(em, workspaceId, [contact.owner_id], {
      kind: 'contact_handed_off',
      title: (copy) => copy.followUp(contactDisplayName(contact)),
      body: () => why,
      link,
      email: true,
    });
    return { result: 'owner_notified', ownerId: contact.owner_id };
  }
  const [assigned] = await assignOwners(
    em,
    workspaceId,
    [
      {
        contactId: contact.id,
        lifecycleStage: contact.lifecycle_stage,
        attributes: contact.attributes,
        displayName: contactDisplayName(contact),
        after: contact.lead_score,
      },
    ],
    new Map([[contact.id, () => why]]),
  );
  if (assigned) {
    const [owner] = await sql<{ owner_id: string }>(em, 'select owner_id from contacts where id = ?', [
      contact.id,
    ]);
    if (owner?.owner_id) return { result: 'assigned', ownerId: owner.owner_id };
  }
  await notifyMembers(em, workspaceId, await membersWithRoles(em, workspaceId, ['owner', 'admin']), {
    kind: 'contact_handed_off',
    title: (copy) => copy.noOwnerRule(contactDisplayName(contact)),
    body: (copy) => copy.noOwnerRuleBody(why),
    link,
    email: true,
  });
  return { result: 'no_rule' };
}
