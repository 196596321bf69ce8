import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { DeliveryActivities } from '../activities/delivery-activities.ts';

/** Version 1: one ledger message, delivered on the main queue (email, SMS) or the WeChat gateway's queue. */
export interface DeliverMessageInput {
  version: 1;
  messageId: string;
  channel: 'email' | 'sms' | 'wechat';
  /** The task queue served by the process holding the WeChat bot. */
  chatTaskQueue: string;
}

// Provider outages (SMTP down, Twilio 5xx) are retried with backoff for up to two days; the ledger claim makes every
// retry safe. Permanent refusals come back as outcomes, not failures.
const retry = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };
const timeouts = { startToCloseTimeout: '2 minutes', scheduleToCloseTimeout: '2 days' };

/** Quiet hours and warm-up defer a message: the workflow sleeps until the gate allows it, then asks again. */
const MAX_DEFERRALS = 30;

export async function deliverMessageWorkflow(input: DeliverMessageInput) {
  const main = proxyActivities<DeliveryActivities>({ ...timeouts, retry });
  const onGateway = proxyActivities<DeliveryActivities>({
    ...timeouts,
    retry,
    taskQueue: input.chatTaskQueue,
  });
  const { deliverMessage, abandonMessage } = input.channel === 'wechat' ? onGateway : main;
  try {
    for (let attempt = 0; attempt < MAX_DEFERRALS; attempt++) {
      const outcome = await deliverMessage(input.messageId);
      if (outcome.outcome !== 'deferred') return outcome;
      await sleep(Math.max(1_000, new Date(outcome.until).getTime() - Date.now()));
    }
    return await abandonMessage(input.messageId, `Deferred ${MAX_DEFERRALS} times by the send gate`);
  } catch (error) {
    // Retries exhausted (provider down for days): say so on the message instead of leaving it queued forever.
    await main.abandonMessage(input.messageId, `Gave up after retrying: ${(error as Error).message}`);
    throw ApplicationFailure.nonRetryable(`Message ${input.messageId} could not be delivered`);
  }
}
