import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import type { HousekeepingInput } from './workflows/housekeeping.workflow.ts';

export const HOUSEKEEPING_SCHEDULE_ID = 'switchboard-housekeeping';

/** Creates the hourly housekeeping schedule once; every worker calls this at start, the first one wins. */
export async function ensureHousekeepingSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: HOUSEKEEPING_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 hour' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'housekeepingWorkflow',
        taskQueue,
        args: [{ version: 1 } satisfies HousekeepingInput],
      },
      policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
