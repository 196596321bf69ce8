import type { EntityManager } from '@switchboard/db';
import { sql, type ContactRow } from '@switchboard/contacts';
import { assignOwners } from '@switchboard/scoring';
import type { InstanceRow } from '../instance-store.ts';

const displayName = (contact: ContactRow) =>
  [contact.first_name, contact.last_name].filter(Boolean).join(' ') ||
  contact.email ||
  contact.phone ||
  'A contact';

async function notify(
  em: EntityManager,
  workspaceId: string,
  userIds: string[],
  note: { kind: string; title: string; body: string; link: string; email: boolean },
) {
  if (userIds.length === 0) return;
  await sql(
    em,
    `insert into notifications (workspace_id, user_id, kind, title, body, link, created_at, email_status)
     select ?, u, ?, ?, ?, ?, now(), ? from unnest(?::uuid[]) as u`,
    [
      workspaceId,
      note.kind,
      note.title.slice(0, 500),
      note.body,
      note.link,
      note.email ? 'pending' : null,
      `{${userIds.join(',')}}`,
    ],
  );
}

/** Members who can act on a contact when nobody owns it, by role. */
async function membersWithRoles(em: EntityManager, workspaceId: string, roles: string[]): Promise<string[]> {
  const rows = await sql<{ user_id: string }>(
    em,
    `select user_id from memberships where workspace_id = ? and role = any(?::text[]) order by created_at`,
    [workspaceId, `{${roles.join(',')}}`],
  );
  return rows.map((r) => r.user_id);
}

/**
 * Hands the contact to sales: the workspace's owner rules pick an owner (round-robin), who is notified in the app
 * and by email. A contact who already has an owner brings that owner a notification instead; with no rule that
 * fits, the workspace's owners and admins hear about it so the lead is not lost.
 */
export async function handOff(
  em: EntityManager,
  instance: InstanceRow,
  contact: ContactRow,
): Promise<'assigned' | 'owner_notified' | 'no_rule'> {
  const why = `The journey "${instance.journey_name}" handed this contact to sales`;
  const link = `/contacts/${contact.id}`;
  if (contact.owner_id) {
    await notify(em, instance.workspace_id, [contact.owner_id], {
      kind: 'contact_handed_off',
      title: `Follow up with ${displayName(contact)}`,
      body: why,
      link,
      email: true,
    });
    return 'owner_notified';
  }
  const assigned = await assignOwners(
    em,
    instance.workspace_id,
    [
      {
        contactId: contact.id,
        lifecycleStage: contact.lifecycle_stage,
        attributes: contact.attributes,
        displayName: displayName(contact),
        after: contact.lead_score,
      },
    ],
    new Map([[contact.id, why]]),
  );
  if (assigned.length > 0) return 'assigned';
  await notify(
    em,
    instance.workspace_id,
    await membersWithRoles(em, instance.workspace_id, ['owner', 'admin']),
    {
      kind: 'contact_handed_off',
      title: `No owner rule fits ${displayName(contact)}`,
      body: `${why}, but no assignment rule covers them: assign an owner on their page.`,
      link,
      email: true,
    },
  );
  return 'no_rule';
}

/**
 * A task for an agent about this contact: for their owner when they have one, else for every agent (and admins).
 * The inbox lists these; until then they are notifications, with the note and a link to the contact.
 */
export async function createInboxTask(
  em: EntityManager,
  instance: InstanceRow,
  contact: ContactRow,
  note: string,
): Promise<number> {
  const users = contact.owner_id
    ? [contact.owner_id]
    : await membersWithRoles(em, instance.workspace_id, ['agent', 'admin', 'owner']);
  await notify(em, instance.workspace_id, users, {
    kind: 'inbox_task',
    title: `Task from "${instance.journey_name}": ${displayName(contact)}`,
    body: note,
    link: `/contacts/${contact.id}`,
    email: false,
  });
  await sql(
    em,
    `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
     values (?, ?, 'inbox_task_created', ?::jsonb, 'journey', now(), now())`,
    [
      instance.workspace_id,
      contact.id,
      JSON.stringify({ note, journeyId: instance.journey_id, journey: instance.journey_name }),
    ],
  );
  return users.length;
}
