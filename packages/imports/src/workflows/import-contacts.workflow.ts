import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { ImportActivities } from '../activities/import-activities.ts';

export interface ImportContactsInput {
  importId: string;
}

const { beginContactImport, importContactBatch, finishContactImport } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 8,
  },
});
const { failContactImport } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 20 },
});

/**
 * Imports a stored CSV batch by batch. Each batch is one idempotent activity, so a worker or server restart resumes
 * where it stopped without losing or doubling rows. Counters live in the database, where the progress bar reads them.
 */
export async function importContactsWorkflow(input: ImportContactsInput) {
  try {
    const { batchCount } = await beginContactImport(input);
    for (let batchNo = 0; batchNo < batchCount; batchNo++) await importContactBatch({ ...input, batchNo });
    await finishContactImport(input);
  } catch (error) {
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    await failContactImport({ ...input, message: `The import stopped: ${message}` });
    throw ApplicationFailure.nonRetryable(message);
  }
}
