import type { EntityManager } from '@switchboard/db';
import { notFound, notificationCopy, userLocale, validationError } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { announce, appendEntry } from './conversation-feed.ts';
import {
  conversationSummaries,
  type ConversationPriority,
  type ConversationSummary,
} from './conversation-summary.ts';
import { mentionedMembers, type Mentionable } from './mentions.ts';
import { autoAssignEnabled, nextAgentInTurn } from '../assignment/round-robin.ts';

export interface Actor {
  userId: string;
}

interface Locked {
  id: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
  priority: string;
  labels: string[];
}

async function lockConversation(tx: EntityManager, workspaceId: string, id: string): Promise<Locked> {
  const [row] = await sql<Locked>(
    tx,
    `select id, status, assignee_id, team_id, priority, labels from conversations
     where workspace_id = ? and id = ?::uuid for update`,
    [workspaceId, id],
  );
  if (!row) throw notFound('Conversation');
  return row;
}

/** One change: lock, apply, record who did it, tell every screen, and return the conversation as it now is. */
async function change(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  apply: (tx: EntityManager, row: Locked) => Promise<Record<string, unknown> | null>,
): Promise<ConversationSummary> {
  return em.transactional(async (tx) => {
    const row = await lockConversation(tx, workspaceId, id);
    const detail = await apply(tx, row);
    if (detail) {
      await sql(tx, 'update conversations set updated_at = now() where id = ?', [id]);
      const entry = await appendEntry(tx, {
        workspaceId,
        conversationId: id,
        kind: 'activity',
        authorId: actor.userId,
        detail,
      });
      await announce(tx, workspaceId, id, 'conversation.updated', [entry]);
    }
    const [summary] = await conversationSummaries(tx, workspaceId, [id]);
    if (!summary) throw notFound('Conversation');
    return summary;
  });
}

/** Members who may answer conversations, for assignment and mentions. */
export async function answeringMembers(
  em: EntityManager,
  workspaceId: string,
): Promise<(Mentionable & { role: string; locale: string | null })[]> {
  return sql<Mentionable & { role: string; locale: string | null }>(
    em,
    `select u.id, u.name, u.email, u.locale, mb.role from memberships mb join users u on u.id = mb.user_id
     where mb.workspace_id = ? and mb.role in ('owner', 'admin', 'marketer', 'agent') order by u.name`,
    [workspaceId],
  );
}

export function assignConversation(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  assigneeId: string | null,
): Promise<ConversationSummary> {
  return change(em, workspaceId, actor, id, async (tx, row) => {
    if (assigneeId !== null) {
      const members = await answeringMembers(tx, workspaceId);
      if (!members.some((m) => m.id === assigneeId))
        throw validationError('assigneeId', 'Choose a member of this workspace who answers conversations');
    }
    if (row.assignee_id === assigneeId) return null;
    await sql(tx, 'update conversations set assignee_id = ? where id = ?', [assigneeId, id]);
    return { action: assigneeId ? 'assigned' : 'unassigned', to: assigneeId, from: row.assignee_id };
  });
}

export type StatusChange = { status: 'open' | 'pending' | 'resolved' } | { status: 'snoozed'; until: Date };

export function changeStatus(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  next: StatusChange,
  now = new Date(),
): Promise<ConversationSummary> {
  if (next.status === 'snoozed' && next.until.getTime() <= now.getTime() + 30_000)
    throw validationError('until', 'Snooze until a time at least a minute from now');
  return change(em, workspaceId, actor, id, async (tx, row) => {
    const until = next.status === 'snoozed' ? next.until : null;
    if (row.status === next.status && next.status !== 'snoozed') return null;
    await sql(
      tx,
      `update conversations set status = ?, snoozed_until = ?,
         resolved_at = case when ? = 'resolved' then now() else null end,
         opened_at = case when status = 'resolved' then now() else opened_at end
       where id = ?`,
      [next.status, until, next.status, id],
    );
    return {
      action: 'status',
      from: row.status,
      to: next.status,
      ...(until ? { until: until.toISOString() } : {}),
    };
  });
}

export function setPriority(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  priority: ConversationPriority,
): Promise<ConversationSummary> {
  return change(em, workspaceId, actor, id, async (tx, row) => {
    if (row.priority === priority) return null;
    await sql(tx, 'update conversations set priority = ? where id = ?', [priority, id]);
    return { action: 'priority', from: row.priority, to: priority };
  });
}

/**
 * Moves the conversation to a team's queue (or back to the workspace's). Its service-level deadline follows the
 * team's business hours; an unassigned open conversation goes to the team's next agent in turn.
 */
export function setTeam(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  teamId: string | null,
): Promise<ConversationSummary> {
  return change(em, workspaceId, actor, id, async (tx, row) => {
    if (row.team_id === teamId) return null;
    const [team] = teamId
      ? await sql<{ name: string }>(
          tx,
          'select name from inbox_teams where workspace_id = ? and id = ?::uuid',
          [workspaceId, teamId],
        )
      : [{ name: null }];
    if (!team) throw validationError('teamId', 'Choose one of this workspace’s teams');
    await sql(tx, 'update conversations set team_id = ? where id = ?', [teamId, id]);
    let assignedTo: string | null = null;
    if (!row.assignee_id && row.status === 'open' && (await autoAssignEnabled(tx, workspaceId))) {
      assignedTo = await nextAgentInTurn(tx, workspaceId, teamId);
      if (assignedTo)
        await sql(tx, 'update conversations set assignee_id = ? where id = ?', [assignedTo, id]);
    }
    return { action: 'team', to: team.name, ...(assignedTo ? { assignedTo } : {}) };
  });
}

/** Labels as agents type them: trimmed, lower-cased, unique, at most 20 of at most 40 characters. */
export function normaliseLabels(labels: string[]): string[] {
  const clean = [...new Set(labels.map((l) => l.trim().toLowerCase()).filter((l) => l.length > 0))];
  const long = clean.find((l) => l.length > 40);
  if (long) throw validationError('labels', `The label "${long.slice(0, 40)}…" is longer than 40 characters`);
  if (clean.length > 20) throw validationError('labels', 'A conversation has at most 20 labels');
  return clean.sort();
}

export function setLabels(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  labels: string[],
): Promise<ConversationSummary> {
  const next = normaliseLabels(labels);
  return change(em, workspaceId, actor, id, async (tx, row) => {
    const added = next.filter((l) => !row.labels.includes(l));
    const removed = row.labels.filter((l) => !next.includes(l));
    if (added.length === 0 && removed.length === 0) return null;
    await sql(tx, 'update conversations set labels = ?::text[] where id = ?', [
      `{${next.map((l) => `"${l.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`,
      id,
    ]);
    return { action: 'labels', added, removed };
  });
}

/** The conversation has been read (shared by the team: whoever opens it clears its unread count). */
export async function markConversationRead(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<void> {
  await em.transactional(async (tx) => {
    const rows = await sql(
      tx,
      `update conversations set unread_count = 0 where workspace_id = ? and id = ?::uuid and unread_count > 0
       returning id`,
      [workspaceId, id],
    );
    if (rows.length) await announce(tx, workspaceId, id, 'conversation.updated');
  });
}

/**
 * An internal note (never sent to the contact). Every member it @mentions gets a notification linking to the
 * conversation, emailed like hand-offs are.
 */
export async function addNote(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  body: string,
): Promise<{ entryId: string; mentioned: string[] }> {
  const text = body.trim();
  if (!text) throw validationError('body', 'Write the note first');
  if (text.length > 10_000) throw validationError('body', 'A note has at most 10,000 characters');
  return em.transactional(async (tx) => {
    await lockConversation(tx, workspaceId, id);
    const members = await answeringMembers(tx, workspaceId);
    const mentioned = mentionedMembers(text, members).filter((m) => m.id !== actor.userId);
    const entryId = await appendEntry(tx, {
      workspaceId,
      conversationId: id,
      kind: 'note',
      authorId: actor.userId,
      body: text,
      detail: mentioned.length ? { mentioned: mentioned.map((m) => m.id) } : null,
    });
    const author = members.find((m) => m.id === actor.userId)?.name ?? 'A colleague';
    for (const member of mentioned)
      await sql(
        tx,
        `insert into notifications (workspace_id, user_id, kind, title, body, link, created_at, email_status)
         values (?, ?, 'inbox_mention', ?, ?, ?, now(), 'pending')`,
        [
          workspaceId,
          member.id,
          notificationCopy(userLocale(members.find((m) => m.id === member.id)?.locale))
            .mentioned(author)
            .slice(0, 500),
          text.slice(0, 2000),
          `/inbox?conversation=${id}`,
        ],
      );
    await announce(tx, workspaceId, id, 'entry.created', [entryId]);
    return { entryId, mentioned: mentioned.map((m) => m.id) };
  });
}
