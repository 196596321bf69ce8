import { fileURLToPath } from 'node:url';
import { startTestWorker } from '@switchboard/testkit';
import { createDeliveryActivities } from '@switchboard/messaging';
import { createCampaignActivities, type CampaignActivityDeps } from '../activities/campaign-activities.ts';

/** A Temporal worker running campaigns and message delivery over the given channels, for tests. */
export function startCampaignWorker(options: CampaignActivityDeps) {
  return startTestWorker({
    taskQueue: options.temporal.queues.taskQueue,
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    activities: { ...createDeliveryActivities(options), ...createCampaignActivities(options) },
  });
}
