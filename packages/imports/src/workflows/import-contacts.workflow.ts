import { ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
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
const { importContactBatches } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 8,
  },
});
/** Batches per activity: few enough events in the history, a retry redoes nothing (done batches are skipped). */
const BATCHES_PER_ACTIVITY = 20;
const { failContactImport } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 20 },
});

/**
 * Imports a stored CSV batch by batch, a range of batches per activity. Each batch is marked done in its own
 * transaction, so a worker or server restart resumes where it stopped without losing or doubling rows. Counters live
 * in the database, where the progress bar reads them.
 */
export async function importContactsWorkflow(input: ImportContactsInput) {
  try {
    const { batchCount } = await beginContactImport(input);
    if (patched('import-batch-ranges'))
      for (let from = 0; from < batchCount; from += BATCHES_PER_ACTIVITY)
        await importContactBatches({ ...input, from, to: Math.min(batchCount, from + BATCHES_PER_ACTIVITY) });
    // Imports started before batch ranges existed replay as they ran.
    else
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
