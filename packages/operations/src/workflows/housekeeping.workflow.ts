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
