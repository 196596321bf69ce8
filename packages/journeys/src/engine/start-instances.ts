import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { journeyInstanceWorkflow } from '../workflows/journey-instance.workflow.ts';
import { enrolSignal, journeyEventSignal, type JourneyEventSignal } from '../workflows/journey-signals.ts';
import type { Admitted } from './enrolment.ts';

export interface JourneyQueues {
  taskQueue: string;
  chatTaskQueue: string;
}

/** How journeys reach Temporal: start (or join) instance workflows, and signal waiting ones. */
export interface JourneyTemporal {
  start(admitted: Admitted[]): Promise<void>;
  /**
   * Starts workflows for admitted instances nobody took up, without signalling a workflow that is running (a busy
   * queue is not a lost start; signalling it again would only add work). Returns how many were started.
   */
  restart(admitted: Admitted[], concurrency?: number): Promise<number>;
  signal(workflowId: string, event: JourneyEventSignal): Promise<void>;
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(lanes);
}

export function journeyTemporal(client: Client, queues: JourneyQueues, concurrency = 64): JourneyTemporal {
  return {
    async start(admitted) {
      await eachLimited(admitted, concurrency, async (instance) => {
        // Usually nothing runs for this journey, contact and key: a plain start carries the instance (cheaper for
        // the server than signal-with-start). If a workflow still runs (finishing an earlier instance), it is
        // signalled and takes this one next; signal-with-start also covers it ending in between.
        try {
          await client.workflow.start<typeof journeyInstanceWorkflow>('journeyInstanceWorkflow', {
            workflowId: instance.workflowId,
            taskQueue: queues.taskQueue,
            args: [{ chatTaskQueue: queues.chatTaskQueue, pending: [instance.instanceId] }],
          });
          return;
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
        await client.workflow.signalWithStart<typeof journeyInstanceWorkflow, [{ instanceId: string }]>(
          'journeyInstanceWorkflow',
          {
            workflowId: instance.workflowId,
            taskQueue: queues.taskQueue,
            args: [{ chatTaskQueue: queues.chatTaskQueue }],
            signal: enrolSignal,
            signalArgs: [{ instanceId: instance.instanceId }],
          },
        );
      });
    },
    async restart(admitted, restartConcurrency = concurrency) {
      let started = 0;
      await eachLimited(admitted, restartConcurrency, async (instance) => {
        try {
          await client.workflow.start<typeof journeyInstanceWorkflow>('journeyInstanceWorkflow', {
            workflowId: instance.workflowId,
            taskQueue: queues.taskQueue,
            args: [{ chatTaskQueue: queues.chatTaskQueue, pending: [instance.instanceId] }],
          });
          started++;
        } catch (error) {
          // Running: it holds the enrolment (or an earlier instance, and this one is retried once that ends).
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      });
      return started;
    },
    async signal(workflowId, event) {
      try {
        await client.workflow.getHandle(workflowId).signal(journeyEventSignal, event);
      } catch (error) {
        // The instance ended between the look-up and the signal: nothing is waiting any more.
        if ((error as Error).name !== 'WorkflowNotFoundError') throw error;
      }
    },
  };
}
