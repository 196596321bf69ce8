import type { ConversationSummary } from './inbox-types.ts';

export type InboxView = 'mine' | 'unassigned' | 'all';
export type StatusFilter = 'open' | 'pending' | 'snoozed' | 'resolved';

export interface ListFilter {
  view: InboxView;
  status: StatusFilter;
  userId: string;
  /** A team's queue ('none': conversations of no team); absent: every team's. */
  team?: string | undefined;
}

export function belongsTo(conversation: ConversationSummary, filter: ListFilter): boolean {
  if (conversation.status !== filter.status) return false;
  if (filter.team === 'none' && conversation.team !== null) return false;
  if (filter.team && filter.team !== 'none' && conversation.team?.id !== filter.team) return false;
  if (filter.view === 'mine') return conversation.assignee?.id === filter.userId;
  if (filter.view === 'unassigned') return conversation.assignee === null;
  return true;
}

const newerFirst = (a: ConversationSummary, b: ConversationSummary) =>
  b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id);

/**
 * The list after a conversation changed somewhere: replaced in place, moved to its new position, added when it now
 * belongs to the view, or dropped when it no longer does (resolved, assigned to someone else…).
 */
export function withConversation(
  list: readonly ConversationSummary[],
  changed: ConversationSummary,
  filter: ListFilter,
): ConversationSummary[] {
  const rest = list.filter((c) => c.id !== changed.id);
  if (!belongsTo(changed, filter)) return rest;
  const at = rest.findIndex((c) => newerFirst(changed, c) < 0);
  return at === -1 ? [...rest, changed] : [...rest.slice(0, at), changed, ...rest.slice(at)];
}

/** The neighbour to open with j/k: the next or previous conversation, staying at the ends. */
export function neighbour(
  list: readonly ConversationSummary[],
  currentId: string | null,
  step: 1 | -1,
): string | null {
  if (list.length === 0) return null;
  const at = list.findIndex((c) => c.id === currentId);
  if (at === -1) return list[0]!.id;
  return list[Math.min(list.length - 1, Math.max(0, at + step))]!.id;
}
