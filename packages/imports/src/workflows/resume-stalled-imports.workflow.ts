import { proxyActivities } from '@temporalio/workflow';
import type { ImportActivities } from '../activities/import-activities.ts';

const { resumeStalledImports } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** Run every minute by a schedule: no stored import waits for a workflow that was never started. */
export async function resumeStalledImportsWorkflow(): Promise<number> {
  return resumeStalledImports({});
}
