import { proxyActivities, sleep } from '@temporalio/workflow';
import type { InboxActivities } from '../activities/inbox-activities.ts';

const { passSlaCheckpoint } = proxyActivities<InboxActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** A durable timer for one deadline of one conversation: a warning before it, the breach mark at it. */
export async function conversationSlaWorkflow(input: {
  workspaceId: string;
  conversationId: string;
  dueAt: string;
  warnAt: string;
}): Promise<void> {
  const base = { workspaceId: input.workspaceId, conversationId: input.conversationId, dueAt: input.dueAt };
  const untilWarning = Date.parse(input.warnAt) - Date.now();
  if (untilWarning > 0) await sleep(untilWarning);
  // A checkpoint that finds the deadline moved (answered, resolved, snoozed) does nothing and ends the timer.
  if (!(await passSlaCheckpoint({ ...base, stage: 'warning' })) && untilWarning > 0) return;
  const untilDue = Date.parse(input.dueAt) - Date.now();
  if (untilDue > 0) await sleep(untilDue);
  await passSlaCheckpoint({ ...base, stage: 'breach' });
}
