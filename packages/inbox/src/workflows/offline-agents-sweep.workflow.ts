import { proxyActivities } from '@temporalio/workflow';
import type { InboxActivities } from '../activities/inbox-activities.ts';

const { releaseAgentsGoneOffline } = proxyActivities<InboxActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** Run every minute by a schedule: agents who went offline without their server noticing hand back their work. */
export async function offlineAgentsSweepWorkflow(): Promise<number> {
  return releaseAgentsGoneOffline();
}
