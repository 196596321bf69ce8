import {
  ScheduleAlreadyRunning,
  WorkflowExecutionAlreadyStartedError,
  type Client,
} from '@temporalio/client';
import type { deliverMessageWorkflow } from '../workflows/deliver-message.workflow.ts';

export interface DeliveryQueues {
  taskQueue: string;
  chatTaskQueue: string;
}

export const deliveryWorkflowId = (messageId: string) => `message-${messageId}`;

/** Starts the durable delivery of a ledger message; starting it twice is harmless (one workflow per message). */
export async function startDelivery(
  temporal: Client,
  queues: DeliveryQueues,
  message: { id: string; channel: 'email' | 'sms' | 'wechat' },
): Promise<void> {
  try {
    await temporal.workflow.start<typeof deliverMessageWorkflow>('deliverMessageWorkflow', {
      workflowId: deliveryWorkflowId(message.id),
      taskQueue: queues.taskQueue,
      args: [
        { version: 1, messageId: message.id, channel: message.channel, chatTaskQueue: queues.chatTaskQueue },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export const MESSAGE_SWEEP_SCHEDULE_ID = 'switchboard-message-sweep';

/** The every-minute schedule that starts deliveries whose workflow never started; the first worker creates it. */
export async function ensureMessageSweepSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: `${MESSAGE_SWEEP_SCHEDULE_ID}-${taskQueue}`,
      spec: { intervals: [{ every: '1 minute' }] },
      action: { type: 'startWorkflow', workflowType: 'resumeStalledMessagesWorkflow', taskQueue, args: [] },
      policies: { overlap: 'SKIP' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
