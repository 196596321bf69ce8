import type { EntityManager } from '@switchboard/db';
import { loadMessagingPolicy } from '@switchboard/messaging';
import { nextCronTime } from './cron.ts';

/** When a recurring campaign runs next: its cron in the workspace's time zone (Settings → Sending). */
export async function nextRecurrence(
  em: EntityManager,
  workspaceId: string,
  recurrence: string,
  after: Date,
): Promise<Date> {
  const { defaultTimezone } = await loadMessagingPolicy(em, workspaceId);
  return nextCronTime(recurrence, after, defaultTimezone);
}
