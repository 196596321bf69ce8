import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';

/** One schedule per task queue: every minute, the worker releases agents whose servers died with them online. */
export async function ensureOfflineAgentsSweep(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: `inbox-offline-agents-${taskQueue}`,
      spec: { intervals: [{ every: '1 minute' }] },
      action: { type: 'startWorkflow', workflowType: 'offlineAgentsSweepWorkflow', taskQueue, args: [] },
      policies: { overlap: 'SKIP' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
