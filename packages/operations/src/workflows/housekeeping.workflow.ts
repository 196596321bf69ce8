import { proxyActivities } from '@temporalio/workflow';
import type { HousekeepingActivities } from '../activities/housekeeping-activities.ts';

export interface HousekeepingInput {
  version: 1;
}

const { purgeExpired, settleContactRedirects } = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, initialInterval: '10 seconds' },
});

/** Started every hour by the `switchboard-housekeeping` schedule. */
export async function housekeepingWorkflow(_input: HousekeepingInput) {
  const purged = await purgeExpired();
  const events = await settleContactRedirects();
  return { ...purged, events };
}

const { refreshReportRollups } = proxyActivities<HousekeepingActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3, initialInterval: '10 seconds' },
});

/** Started every minute by the `report-rollups-<task queue>` schedule; returns the hours rebuilt. */
export async function reportRollupsWorkflow(): Promise<number> {
  return refreshReportRollups();
}
