import { proxyActivities } from '@temporalio/workflow';
import type { DeliveryActivities } from '../activities/delivery-activities.ts';

const { resumeStalledMessages } = proxyActivities<DeliveryActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** Run every minute by a schedule: a message accepted just before the server stopped still gets its workflow. */
export async function resumeStalledMessagesWorkflow(): Promise<number> {
  return resumeStalledMessages();
}
