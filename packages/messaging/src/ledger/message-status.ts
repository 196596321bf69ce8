import type { MESSAGE_STATUSES } from '@switchboard/db';

/**
 * How a message's status may move. Providers report out of order (a "delivered" callback can arrive after the open it
 * enabled), so the ledger keeps the furthest state reached: each status has a rank and only a higher rank wins.
 * Terminal failures (bounced after sending, complained) outrank engagement because they change what we may send next.
 */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const RANK: Record<MessageStatus, number> = {
  queued: 0,
  deferred: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  opened: 5,
  clicked: 6,
  replied: 7,
  unsubscribed: 8,
  bounced: 9,
  complained: 10,
  failed: 11,
  suppressed: 11,
};

/** Statuses a message can no longer leave through the send path (only engagement or complaints follow). */
export const FINISHED_BEFORE_SENDING: ReadonlySet<MessageStatus> = new Set(['failed', 'suppressed']);

export function advanceStatus(current: MessageStatus, reported: MessageStatus): MessageStatus {
  if (FINISHED_BEFORE_SENDING.has(current)) return current;
  return RANK[reported] > RANK[current] ? reported : current;
}

/** Rows in these states were handed to a provider: they count towards frequency caps and warm-up. */
export const HANDED_TO_PROVIDER: readonly MessageStatus[] = [
  'sending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'unsubscribed',
  'complained',
  'bounced',
];
