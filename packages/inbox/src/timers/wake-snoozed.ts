import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { announce, appendEntry } from '../conversations/conversation-feed.ts';

/**
 * A snooze has run out: the conversation is open again, in everyone's list. A conversation woken earlier (the
 * contact wrote) or snoozed again for later is left alone, so a stale timer changes nothing.
 */
export async function wakeSnoozedConversation(
  em: EntityManager,
  input: { workspaceId: string; conversationId: string; at: string },
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const rows = await sql(
      tx,
      `update conversations set status = 'open', snoozed_until = null, updated_at = now()
       where workspace_id = ? and id = ?::uuid and status = 'snoozed' and snoozed_until <= ?::timestamptz
       returning id`,
      [input.workspaceId, input.conversationId, new Date(Date.parse(input.at) + 1000).toISOString()],
    );
    if (rows.length === 0) return false;
    const entry = await appendEntry(tx, {
      workspaceId: input.workspaceId,
      conversationId: input.conversationId,
      kind: 'activity',
      detail: { action: 'reopened', from: 'snoozed', by: 'snooze' },
    });
    await announce(tx, input.workspaceId, input.conversationId, 'conversation.updated', [entry]);
    return true;
  });
}
