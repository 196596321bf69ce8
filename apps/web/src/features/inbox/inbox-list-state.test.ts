import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from './inbox-types.ts';
import { neighbour, withConversation } from './inbox-list-state.ts';

const conversation = (id: string, at: string, extra: Partial<ConversationSummary> = {}) =>
  ({ id, lastMessageAt: at, status: 'open', assignee: null, team: null, ...extra }) as ConversationSummary;
const mine = { view: 'mine' as const, status: 'open' as const, userId: 'me' };
const all = { view: 'all' as const, status: 'open' as const, userId: 'me' };

describe('withConversation', () => {
  it('moves a conversation with a new message to the top and keeps the others in order', () => {
    const list = [conversation('a', '2026-12-06T10:00:00Z'), conversation('b', '2026-12-06T09:00:00Z')];
    const next = withConversation(list, conversation('b', '2026-12-06T11:00:00Z'), all);
    expect(next.map((c) => c.id)).toEqual(['b', 'a']);
    expect(withConversation(next, conversation('c', '2026-12-06T09:30:00Z'), all).map((c) => c.id)).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('drops what leaves the view: resolved, or assigned to someone else', () => {
    const list = [conversation('a', '2026-12-06T10:00:00Z', { assignee: { id: 'me', name: 'Me' } })];
    expect(withConversation(list, { ...list[0]!, status: 'resolved' }, mine)).toEqual([]);
    expect(withConversation(list, { ...list[0]!, assignee: { id: 'bo', name: 'Bo' } }, mine)).toEqual([]);
  });
});

describe('a team filter', () => {
  it('keeps a team’s conversations, drops one moved to another team, and shows those of no team under "none"', () => {
    const support = { id: 'team-support', name: 'Support' };
    const list = [conversation('a', '2026-12-06T10:00:00Z', { team: support })];
    const supportQueue = { ...all, team: support.id };
    expect(withConversation(list, conversation('b', '2026-12-06T11:00:00Z'), supportQueue)).toHaveLength(1);
    expect(
      withConversation(list, { ...list[0]!, team: { id: 'team-sales', name: 'Sales' } }, supportQueue),
    ).toEqual([]);
    expect(
      withConversation([], conversation('c', '2026-12-06T09:00:00Z'), { ...all, team: 'none' }).map(
        (c) => c.id,
      ),
    ).toEqual(['c']);
    expect(withConversation([], list[0]!, { ...all, team: 'none' })).toEqual([]);
  });
});

describe('neighbour', () => {
  it('steps through the list and stops at its ends', () => {
    const list = [conversation('a', '3'), conversation('b', '2'), conversation('c', '1')];
    expect(neighbour(list, 'a', 1)).toBe('b');
    expect(neighbour(list, 'c', 1)).toBe('c');
    expect(neighbour(list, 'a', -1)).toBe('a');
    expect(neighbour(list, null, 1)).toBe('a');
    expect(neighbour([], null, 1)).toBeNull();
  });
});
