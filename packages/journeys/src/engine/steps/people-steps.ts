import type { EntityManager } from '@switchboard/db';
import { sql, type ContactRow } from '@switchboard/contacts';
import { contactDisplayName, handOffToSales, membersWithRoles, notifyMembers } from '@switchboard/scoring';
import { openInboxTask } from '@switchboard/inbox';
import type { InstanceRow } from '../instance-store.ts';

/** The journey's hand-off step: to sales by the workspace's owner rules, saying which journey asked. */
export async function handOff(
  em: EntityManager,
  instance: InstanceRow,
  contact: ContactRow,
): Promise<'assigned' | 'owner_notified' | 'no_rule'> {
  const why = `The journey "${instance.journey_name}" handed this contact to sales`;
  return (await handOffToSales(em, instance.workspace_id, contact, why)).result;
}

/**
 * A task for an agent about this contact: a note in the contact's inbox conversation (reopened, or new on the channel
 * we reach them on), for their owner when they answer conversations, else the next agent in turn. Whoever has it is
 * notified in the app with a link to it; with no channel to hold a conversation, every agent (and admin) is notified
 * with a link to the contact instead.
 */
export async function createInboxTask(
  em: EntityManager,
  instance: InstanceRow,
  contact: ContactRow,
  task: { note: string; step: string; key: string },
): Promise<{ conversationId: string | null; notified: number }> {
  const opened = await openInboxTask(em, {
    workspaceId: instance.workspace_id,
    contactId: contact.id,
    note: task.note,
    key: task.key,
    source: {
      kind: 'journey',
      journeyId: instance.journey_id,
      journeyName: instance.journey_name,
      step: task.step,
    },
  });
  const users = opened?.assigneeId
    ? [opened.assigneeId]
    : contact.owner_id
      ? [contact.owner_id]
      : await membersWithRoles(em, instance.workspace_id, ['agent', 'admin', 'owner']);
  await notifyMembers(em, instance.workspace_id, users, {
    kind: 'inbox_task',
    title: (copy) => copy.journeyTask(instance.journey_name, contactDisplayName(contact)),
    body: () => task.note,
    link: opened ? `/inbox?view=all&conversation=${opened.conversationId}` : `/contacts/${contact.id}`,
    email: false,
  });
  await sql(
    em,
    `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
     values (?, ?, 'inbox_task_created', ?::jsonb, 'journey', now(), now())`,
    [
      instance.workspace_id,
      contact.id,
      JSON.stringify({
        note: task.note,
        journeyId: instance.journey_id,
        journey: instance.journey_name,
        ...(opened ? { conversationId: opened.conversationId } : {}),
      }),
    ],
  );
  return { conversationId: opened?.conversationId ?? null, notified: users.length };
}
