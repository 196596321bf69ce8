import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type {
  segmentMembershipWorkflow,
  SegmentMembershipInput,
} from '../workflows/segment-membership.workflow.ts';

/** One membership loop per deployment (task queue), however many workers serve it. */
export const membershipWorkflowId = (taskQueue: string) => `switchboard-segment-membership-${taskQueue}`;

/** Starts the membership loop unless it runs already (every worker calls this on start). */
export async function ensureMembershipWorkflow(
  client: Client,
  taskQueue: string,
  input: SegmentMembershipInput = {},
): Promise<void> {
  const workflowId = membershipWorkflowId(taskQueue);
  try {
    await client.workflow.start<typeof segmentMembershipWorkflow>('segmentMembershipWorkflow', {
      workflowId,
      taskQueue,
      args: [input],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
