import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';

/** How long a reply waits for the conversation's earlier replies before its attempt fails and is retried. */
const WAIT_MS = 4_000;

/**
 * Among these messages, the conversation replies that an earlier reply of the same conversation (earlier in the
 * conversation's history, whose order the conversation lock fixes) is still ahead of: queued or being sent.
 */
export async function repliesWaitingTheirTurn(em: EntityManager, messageIds: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `select m.id from messages m
     where m.id = any(${TEXT_LIST}::uuid[]) and m.source_kind = 'conversation'
       and exists (
         select 1 from conversation_entries mine
         join conversation_entries p on p.conversation_id = mine.conversation_id and p.kind = 'outbound'
           and p.created_at < mine.created_at
         join messages pm on pm.id = p.message_id
         where mine.conversation_id = case when m.source_kind = 'conversation' then m.source_id::uuid end
           and mine.message_id = m.id and pm.status in ('queued', 'sending'))`,
    [list(messageIds)],
  );
  return rows.map((r) => r.id);
}

export class ReplyNotYetItsTurn extends Error {
  constructor() {
    super('An earlier reply in this conversation is still being sent; this one follows it');
  }
}

/**
 * Two agents answering at once: both replies are recorded in order, each with its own delivery. The later one waits
 * (briefly, then by the delivery's retry) until the earlier one has reached the provider, so the contact gets them
 * in the order the conversation shows.
 */
export async function waitForEarlierReplies(
  em: EntityManager,
  messageIds: string[],
  waitMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  while ((await repliesWaitingTheirTurn(em, messageIds)).length > 0) {
    if (Date.now() >= deadline) throw new ReplyNotYetItsTurn();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
