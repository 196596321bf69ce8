import { proxyActivities } from '@temporalio/workflow';
import type { HealthActivities } from '../activities/health-activities.ts';

export interface HealthCheckInput {
  version: 1;
}

const { pingDatabase } = proxyActivities<HealthActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 1 },
});

/** server → Temporal → worker → database and back; `/healthz` runs it and reports the timings. */
export async function healthCheckWorkflow(_input: HealthCheckInput): Promise<{ databaseMs: number }> {
  return pingDatabase();
}
