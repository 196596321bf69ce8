import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { announce, appendEntry } from '../conversations/conversation-feed.ts';

export interface SlaCheckpoint {
  workspaceId: string;
  conversationId: string;
  /** The deadline this timer was started for (ISO); a moved deadline makes the checkpoint a no-op. */
  dueAt: string;
  stage: 'warning' | 'breach';
}

/**
 * A durable timer reached its time: warn that the deadline is near, or mark it missed (once, counted for the
 * reports, with an entry in the history). Only if the conversation still has this very deadline.
 */
export async function passSlaCheckpoint(em: EntityManager, checkpoint: SlaCheckpoint): Promise<boolean> {
  return em.transactional(async (tx) => {
    const column = checkpoint.stage === 'warning' ? 'sla_warned_at' : 'sla_breached_at';
    const rows = await sql<{ sla_kind: string }>(
      tx,
      `update conversations set ${column} = now()${checkpoint.stage === 'breach' ? ', sla_breaches = sla_breaches + 1' : ''}
       where workspace_id = ? and id = ?::uuid and sla_due_at = ?::timestamptz and ${column} is null
       returning sla_kind`,
      [checkpoint.workspaceId, checkpoint.conversationId, checkpoint.dueAt],
    );
    const [row] = rows;
    if (!row) return false;
    const entries =
      checkpoint.stage === 'breach'
        ? [
            await appendEntry(tx, {
              workspaceId: checkpoint.workspaceId,
              conversationId: checkpoint.conversationId,
              kind: 'activity',
              detail: { action: 'sla_breached', kind: row.sla_kind },
            }),
          ]
        : [];
    await announce(tx, checkpoint.workspaceId, checkpoint.conversationId, 'conversation.updated', entries);
    return true;
  });
}
