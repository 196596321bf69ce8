import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { importContactsWorkflow } from './workflows/import-contacts.workflow.ts';

export const importWorkflowId = (importId: string) => `contact-import-${importId}`;

/** Starts the durable import; starting it twice is harmless (one workflow per import id). */
export async function startImportWorkflow(
  temporal: Client,
  taskQueue: string,
  importId: string,
): Promise<void> {
  try {
    await temporal.workflow.start<typeof importContactsWorkflow>('importContactsWorkflow', {
      workflowId: importWorkflowId(importId),
      taskQueue,
      args: [{ importId }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
