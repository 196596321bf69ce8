import { fileURLToPath } from 'node:url';
import { startTestWorker } from '@switchboard/testkit';
import { createDeliveryActivities, type DeliveryActivityDeps } from '../activities/delivery-activities.ts';

/** A Temporal worker running message delivery over the given channels, for tests of code that sends. */
export function startDeliveryWorker(options: DeliveryActivityDeps & { taskQueue: string }) {
  const { taskQueue, ...deps } = options;
  return startTestWorker({
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    activities: createDeliveryActivities(deps),
  });
}
