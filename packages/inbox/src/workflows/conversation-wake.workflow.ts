import { proxyActivities, sleep } from '@temporalio/workflow';
import type { InboxActivities } from '../activities/inbox-activities.ts';

const { wakeSnoozedConversation } = proxyActivities<InboxActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** A durable timer for a snoozed conversation: sleeps until the time, then reopens it (if still snoozed). */
export async function conversationWakeWorkflow(input: {
  workspaceId: string;
  conversationId: string;
  at: string;
}): Promise<void> {
  const wait = Date.parse(input.at) - Date.now();
  if (wait > 0) await sleep(wait);
  await wakeSnoozedConversation(input);
}
