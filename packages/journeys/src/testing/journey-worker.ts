import { fileURLToPath } from 'node:url';
import type { NativeConnection } from '@temporalio/worker';
import { startTestWorker } from '@switchboard/testkit';
import { createDeliveryActivities } from '@switchboard/messaging';
import { createJourneyActivities, type JourneyActivityDeps } from '../engine/journey-activities.ts';

/** A Temporal worker running journey instances and message delivery over the given channels, for tests. */
export function startJourneyWorker(
  options: JourneyActivityDeps & { taskQueue: string; connection?: NativeConnection },
) {
  return startTestWorker({
    taskQueue: options.taskQueue,
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    activities: { ...createDeliveryActivities(options), ...createJourneyActivities(options) },
    ...(options.connection ? { connection: options.connection } : {}),
  });
}
