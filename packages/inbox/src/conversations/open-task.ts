import type { EntityManager } from '@switchboard/db';
import { sql, uuidV7 } from '@switchboard/contacts';
import { announce, appendEntry } from './conversation-feed.ts';
import { previewOf, smsThreadKey, wechatThreadKey } from './thread-key.ts';
import { autoAssignEnabled, nextAgentInTurn } from '../assignment/round-robin.ts';
import { teamForChannel } from '../teams/inbox-teams.ts';
import type { ConversationChannel } from './conversation-summary.ts';

export interface InboxTask {
  workspaceId: string;
  contactId: string;
  /** What the agent should do, shown as a note at the top of the conversation's latest activity. */
  note: string;
  /** Who asked (a journey and its step), kept with the note. */
  source: { kind: 'journey'; journeyId: string; journeyName: string; step: string };
  /** Identifies this task, so a retried step adds it once. */
  key: string;
}

interface Row {
  id: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
}

interface Reachable {
  owner_id: string | null;
  wechat_id: string | null;
  phone: string | null;
  email: string | null;
  our_number: string | null;
}

/** The contact's latest conversation, or a new one on the channel we can reach them on (chat, then SMS, then email). */
async function conversationFor(
  tx: EntityManager,
  task: InboxTask,
  contact: Reachable,
): Promise<{ row: Row; created: boolean } | null> {
  const [latest] = await sql<Row>(
    tx,
    `select id, status, assignee_id, team_id from conversations where workspace_id = ? and contact_id = ?
     order by last_message_at desc limit 1 for update`,
    [task.workspaceId, task.contactId],
  );
  if (latest) return { row: latest, created: false };
  const [channel, threadKey]: [ConversationChannel, string] | [null, null] = contact.wechat_id
    ? ['wechat', wechatThreadKey(contact.wechat_id)]
    : contact.phone
      ? ['sms', smsThreadKey(contact.phone, contact.our_number)]
      : contact.email
        ? ['email', `task:${task.key}`]
        : [null, null];
  if (!channel) return null;
  const [row] = await sql<Row>(
    tx,
    `insert into conversations (id, workspace_id, contact_id, channel, thread_key, status, last_message_at,
       last_message_preview, unread_count, team_id, opened_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'open', now(), ?, 1, ?, now(), now(), now())
     on conflict (workspace_id, channel, contact_id, thread_key)
       do update set updated_at = excluded.updated_at
     returning id, status, assignee_id, team_id`,
    [
      uuidV7(),
      task.workspaceId,
      task.contactId,
      channel,
      threadKey.slice(0, 300),
      previewOf(task.note),
      await teamForChannel(tx, task.workspaceId, channel),
    ],
  );
  return row ? { row, created: true } : null;
}

/**
 * A task for an agent about a contact (a journey's "inbox task" step): a note in the contact's latest conversation,
 * reopened if it was done, or a new conversation on the channel we reach them on. It goes to the contact's owner when
 * the owner answers conversations, otherwise in turn (the conversation's team first). Returns the conversation and
 * who has it, or null when the contact has no channel at all (or the task was already added).
 */
export async function openInboxTask(
  tx: EntityManager,
  task: InboxTask,
): Promise<{ conversationId: string; assigneeId: string | null } | null> {
  const [contact] = await sql<Reachable>(
    tx,
    `select c.owner_id, c.wechat_id, c.phone, c.email,
       (select m.from_address from messages m where m.contact_id = c.id and m.channel = 'sms'
          and m.from_address is not null order by m.created_at desc limit 1) as our_number
     from contacts c where c.workspace_id = ? and c.id = ?`,
    [task.workspaceId, task.contactId],
  );
  if (!contact) return null;
  const found = await conversationFor(tx, task, contact);
  if (!found) return null;
  const { row, created } = found;
  const [done] = await sql(
    tx,
    `select 1 from conversation_entries where conversation_id = ? and kind = 'note' and detail ->> 'taskKey' = ?`,
    [row.id, task.key],
  );
  if (done) return null;

  const entryIds = [
    await appendEntry(tx, {
      workspaceId: task.workspaceId,
      conversationId: row.id,
      kind: 'note',
      body: task.note,
      detail: { task: true, taskKey: task.key, ...task.source },
    }),
  ];
  if (!created && row.status !== 'open') {
    await sql(
      tx,
      `update conversations set status = 'open', snoozed_until = null, resolved_at = null,
         opened_at = case when status = 'resolved' then now() else opened_at end, updated_at = now()
       where id = ?`,
      [row.id],
    );
    entryIds.push(
      await appendEntry(tx, {
        workspaceId: task.workspaceId,
        conversationId: row.id,
        kind: 'activity',
        detail: { action: 'reopened', from: row.status, by: 'task' },
      }),
    );
  }
  if (!created)
    await sql(tx, 'update conversations set unread_count = unread_count + 1 where id = ?', [row.id]);

  let assignee = row.assignee_id;
  if (!assignee) {
    const [owner] = contact.owner_id
      ? await sql<{ user_id: string }>(
          tx,
          `select user_id from memberships where workspace_id = ? and user_id = ?
             and role in ('owner', 'admin', 'marketer', 'agent')`,
          [task.workspaceId, contact.owner_id],
        )
      : [];
    assignee =
      owner?.user_id ??
      ((await autoAssignEnabled(tx, task.workspaceId))
        ? await nextAgentInTurn(tx, task.workspaceId, row.team_id)
        : null);
    if (assignee) {
      await sql(tx, 'update conversations set assignee_id = ? where id = ?', [assignee, row.id]);
      entryIds.push(
        await appendEntry(tx, {
          workspaceId: task.workspaceId,
          conversationId: row.id,
          kind: 'activity',
          detail: { action: 'assigned', to: assignee, by: owner ? 'owner' : 'round-robin' },
        }),
      );
    }
  }
  await announce(
    tx,
    task.workspaceId,
    row.id,
    created ? 'conversation.created' : 'conversation.updated',
    entryIds,
  );
  return { conversationId: row.id, assigneeId: assignee };
}
