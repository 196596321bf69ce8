import type { EntityManager } from '@switchboard/db';
import { notFound } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import {
  SUMMARY_SELECT,
  toSummary,
  type ConversationChannel,
  type ConversationSummary,
  type SummaryRow,
} from './conversation-summary.ts';

export type InboxView = 'mine' | 'unassigned' | 'all';
export type StatusFilter = 'open' | 'pending' | 'snoozed' | 'resolved';

export interface ListQuery {
  view: InboxView;
  status: StatusFilter;
  channel?: ConversationChannel | undefined;
  label?: string | undefined;
  /** Only this team's queue, or (null) conversations of no team. */
  team?: string | null | undefined;
  /** With view `all`: only this agent's conversations, or (null) only unassigned ones. */
  assignee?: string | null | undefined;
  /** The last conversation of the previous page ("<lastMessageAt>|<id>"). */
  after?: string | undefined;
  limit: number;
}

function viewCondition(view: InboxView): string {
  if (view === 'mine') return 'cv.assignee_id = ?';
  if (view === 'unassigned') return 'cv.assignee_id is null';
  return 'true';
}

/** One page of a view, newest activity first; `next` continues after its last row. */
export async function listConversations(
  em: EntityManager,
  workspaceId: string,
  userId: string,
  query: ListQuery,
): Promise<{ items: ConversationSummary[]; next: string | null }> {
  const params: unknown[] = [workspaceId, query.status];
  let where = 'cv.workspace_id = ? and cv.status = ?';
  if (query.view === 'mine') params.push(userId);
  where += ` and ${viewCondition(query.view)}`;
  if (query.channel) {
    where += ' and cv.channel = ?';
    params.push(query.channel);
  }
  if (query.view === 'all' && query.assignee !== undefined) {
    where += query.assignee === null ? ' and cv.assignee_id is null' : ' and cv.assignee_id = ?::uuid';
    if (query.assignee !== null) params.push(query.assignee);
  }
  if (query.team !== undefined) {
    where += query.team === null ? ' and cv.team_id is null' : ' and cv.team_id = ?::uuid';
    if (query.team !== null) params.push(query.team);
  }
  if (query.label) {
    where += ' and ? = any(cv.labels)';
    params.push(query.label);
  }
  const after = query.after ? /^(.+)\|([0-9a-f-]{36})$/.exec(query.after) : null;
  if (after) {
    where += ' and (cv.last_message_at, cv.id) < (?::timestamptz, ?::uuid)';
    params.push(after[1], after[2]);
  }
  const rows = await sql<SummaryRow>(
    em,
    `${SUMMARY_SELECT} where ${where} order by cv.last_message_at desc, cv.id desc limit ?`,
    [...params, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map(toSummary);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > query.limit && last ? `${last.lastMessageAt}|${last.id}` : null,
  };
}

export interface ViewCounts {
  /** Open conversations in each view, and how many of them hold unread messages. */
  mine: { open: number; unread: number };
  unassigned: { open: number; unread: number };
  all: { open: number; unread: number };
}

export async function inboxCounts(
  em: EntityManager,
  workspaceId: string,
  userId: string,
): Promise<ViewCounts> {
  const [row] = await sql<Record<string, string>>(
    em,
    `select count(*) filter (where assignee_id = ?) as mine,
       count(*) filter (where assignee_id = ? and unread_count > 0) as mine_unread,
       count(*) filter (where assignee_id is null) as unassigned,
       count(*) filter (where assignee_id is null and unread_count > 0) as unassigned_unread,
       count(*) as all, count(*) filter (where unread_count > 0) as all_unread
     from conversations where workspace_id = ? and status = 'open'`,
    [userId, userId, workspaceId],
  );
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    mine: { open: n('mine'), unread: n('mine_unread') },
    unassigned: { open: n('unassigned'), unread: n('unassigned_unread') },
    all: { open: n('all'), unread: n('all_unread') },
  };
}

/** Every conversation with one contact, on every channel: the merged view. */
export async function contactConversations(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
): Promise<ConversationSummary[]> {
  const [known] = await sql(em, 'select 1 from contacts where workspace_id = ? and id = ?::uuid', [
    workspaceId,
    contactId,
  ]);
  if (!known) throw notFound('Contact');
  const rows = await sql<SummaryRow>(
    em,
    `${SUMMARY_SELECT} where cv.workspace_id = ? and cv.contact_id = ?::uuid order by cv.last_message_at desc limit 100`,
    [workspaceId, contactId],
  );
  return rows.map(toSummary);
}
