import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { announce, appendEntry } from '../conversations/conversation-feed.ts';

export type RatingOutcome = 'recorded' | 'already' | 'stale';

/**
 * The contact's answer to "how did we do?": stored once on the conversation (the first answer counts), in its
 * history and on every agent's screen. A link from an earlier request of the same conversation is stale.
 */
export async function recordRating(
  tx: EntityManager,
  input: { conversationId: string; requestedAt: Date | null; score: number; via: 'link' | 'reply' },
): Promise<RatingOutcome> {
  const [row] = await sql<{
    workspace_id: string;
    csat_requested_at: Date | null;
    csat_score: number | null;
  }>(
    tx,
    'select workspace_id, csat_requested_at, csat_score from conversations where id = ?::uuid for update',
    [input.conversationId],
  );
  if (!row?.csat_requested_at) return 'stale';
  if (input.requestedAt && new Date(row.csat_requested_at).getTime() !== input.requestedAt.getTime())
    return 'stale';
  if (row.csat_score !== null) return 'already';
  await sql(tx, 'update conversations set csat_score = ?, csat_answered_at = now() where id = ?', [
    input.score,
    input.conversationId,
  ]);
  const entry = await appendEntry(tx, {
    workspaceId: row.workspace_id,
    conversationId: input.conversationId,
    kind: 'activity',
    detail: { action: 'csat', score: input.score, via: input.via },
  });
  await announce(tx, row.workspace_id, input.conversationId, 'conversation.updated', [entry]);
  return 'recorded';
}

/** What the rating page shows: whose help it rates, in the contact's language, and whether it is answered. */
export async function ratingPage(
  em: EntityManager,
  conversationId: string,
  requestedAt: Date,
): Promise<{ workspaceName: string; locale: string | null; score: number | null; current: boolean } | null> {
  const [row] = await sql<{
    workspace_name: string;
    locale: string | null;
    csat_score: number | null;
    csat_requested_at: Date | null;
  }>(
    em,
    `select w.name as workspace_name, ct.locale, cv.csat_score, cv.csat_requested_at from conversations cv
     join workspaces w on w.id = cv.workspace_id join contacts ct on ct.id = cv.contact_id where cv.id = ?::uuid`,
    [conversationId],
  );
  if (!row) return null;
  return {
    workspaceName: row.workspace_name,
    locale: row.locale,
    score: row.csat_score,
    current:
      row.csat_requested_at !== null && new Date(row.csat_requested_at).getTime() === requestedAt.getTime(),
  };
}
