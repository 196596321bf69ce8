import type { Client } from '@temporalio/client';
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
      // Signal-with-start: a workflow still finishing an earlier instance of the same contact takes this one next.
      await eachLimited(admitted, concurrency, async (instance) => {
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
