import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { audienceRefreshWorkflow, AudienceRefreshInput } from './workflows/audience-refresh.workflow.ts';

/** One refresh loop per deployment (task queue), however many workers serve it. */
export const audienceRefreshWorkflowId = (taskQueue: string) => `switchboard-audience-refresh-${taskQueue}`;

/** Starts the refresh loop unless it runs already (every worker calls this on start). */
export async function ensureAudienceRefresh(
  client: Client,
  taskQueue: string,
  input: AudienceRefreshInput = {},
): Promise<void> {
  const workflowId = audienceRefreshWorkflowId(taskQueue);
  try {
    await client.workflow.start<typeof audienceRefreshWorkflow>('audienceRefreshWorkflow', {
      workflowId,
      taskQueue,
      args: [input],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
