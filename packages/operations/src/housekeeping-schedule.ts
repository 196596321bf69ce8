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

/** One per task queue, like the queue's other sweeps. */
export const reportRollupsScheduleId = (taskQueue: string) => `report-rollups-${taskQueue}`;

/**
 * Every minute, the report rollups catch up with the ledger. Reports also fold in what is stale when they are read,
 * so this only keeps that work small (a busy campaign's hours are rebuilt here, not while someone waits).
 */
export async function ensureReportRollupsSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: reportRollupsScheduleId(taskQueue),
      spec: { intervals: [{ every: '1 minute' }] },
      action: { type: 'startWorkflow', workflowType: 'reportRollupsWorkflow', taskQueue, args: [] },
      policies: { overlap: 'SKIP' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
