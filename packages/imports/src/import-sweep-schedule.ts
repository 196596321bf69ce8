import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';

export const IMPORT_SWEEP_SCHEDULE_ID = 'switchboard-import-sweep';

/** Creates the every-minute schedule that starts stalled imports; every worker calls this, the first one wins. */
export async function ensureImportSweepSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: `${IMPORT_SWEEP_SCHEDULE_ID}-${taskQueue}`,
      spec: { intervals: [{ every: '1 minute' }] },
      action: { type: 'startWorkflow', workflowType: 'resumeStalledImportsWorkflow', taskQueue, args: [] },
      policies: { overlap: 'SKIP' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
