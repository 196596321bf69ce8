import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { advanceMessageStatus, recordMessageEvent, type Channel, type MessageRow } from './message-ledger.ts';

/** The last message we sent a contact on a channel: what their inbound message most likely answers. */
export async function lastSentTo(
  tx: EntityManager,
  contactId: string,
  channel: Channel,
): Promise<MessageRow | null> {
  const [message] = await sql<MessageRow>(
    tx,
    `select * from messages where contact_id = ? and channel = ? and sent_at is not null
     order by sent_at desc limit 1 for update`,
    [contactId, channel],
  );
  return message ?? null;
}

/** Marks a message answered: its history, its status, and `<channel>_replied` on the timeline (segments use it). */
export async function markReplied(tx: EntityManager, message: MessageRow): Promise<void> {
  await recordMessageEvent(tx, message, { kind: 'replied' });
  await advanceMessageStatus(tx, message, 'replied');
}
