import { condition, continueAsNew, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhook-activities.ts';

const { deliverWebhooks } = proxyActivities<WebhookActivities>({
  // One pass delivers for about 20 s; a stuck receiver is bounded by the request timeout.
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** New deliveries were queued for the endpoint (or it was enabled again). */
export const webhooksQueuedSignal = defineSignal('webhooksQueued');

export interface WebhookEndpointWorkflowInput {
  endpointId: string;
}

const IDLE_MS = 60 * 60_000;
const PASSES_PER_RUN = 200;

/**
 * One per endpoint (`webhook-endpoint-<id>`), started or woken by signal-with-start when deliveries are queued. It
 * delivers what is due, sleeps until the next retry or a new signal, and ends after an hour with nothing to do; the
 * deliveries themselves live in PostgreSQL, so a restart anywhere loses nothing.
 */
export async function webhookEndpointWorkflow(input: WebhookEndpointWorkflowInput): Promise<string> {
  let queued = false;
  setHandler(webhooksQueuedSignal, () => {
    queued = true;
  });
  for (let pass = 0; pass < PASSES_PER_RUN; pass++) {
    queued = false;
    const result = await deliverWebhooks({ endpointId: input.endpointId });
    if (result.state !== 'active') return result.state;
    if (result.more || queued) continue;
    const wait = result.nextDueInMs === null ? IDLE_MS : Math.max(1000, result.nextDueInMs);
    const woken = await condition(() => queued, wait);
    if (!woken && result.nextDueInMs === null) return 'idle';
  }
  return continueAsNew<typeof webhookEndpointWorkflow>(input);
}
