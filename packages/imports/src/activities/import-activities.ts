import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '@switchboard/db';
import { stalledImportIds } from '../process/stalled-imports.ts';
import { startImportWorkflow } from '../start-import.ts';
import { importBatch, importBatches } from '../process/import-batch.ts';
import { beginImport, failImport, finishImport } from '../process/import-lifecycle.ts';

/**
 * The import workflow's activities; each opens its own unit of work. `temporal` (with the task queue) lets the sweep
 * start imports whose workflow never started.
 */
export function createImportActivities(deps: {
  db: Database;
  temporal?: { client: Client; taskQueue: string };
}) {
  return {
    /** Starts the workflow of every stalled import (starting one twice is harmless); returns how many. */
    async resumeStalledImports(input: { olderThanSeconds?: number } = {}) {
      if (!deps.temporal) return 0;
      const ids = await stalledImportIds(deps.db.fork(), input.olderThanSeconds);
      for (const id of ids) await startImportWorkflow(deps.temporal.client, deps.temporal.taskQueue, id);
      return ids.length;
    },
    beginContactImport: (input: { importId: string }) => beginImport(deps.db.fork(), input.importId),
    importContactBatch: (input: { importId: string; batchNo: number }) =>
      importBatch(deps.db.fork(), input.importId, input.batchNo),
    /** Batches `from` … `to - 1`, the next one mapped while the last is written; heartbeats after each. */
    importContactBatches: (input: { importId: string; from: number; to: number }) =>
      importBatches(deps.db.fork(), input.importId, input, (batchNo) => heartbeat({ batchNo })),
    finishContactImport: (input: { importId: string }) => finishImport(deps.db.fork(), input.importId),
    failContactImport: (input: { importId: string; message: string }) =>
      failImport(deps.db.fork(), input.importId, input.message),
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;

const heartbeat = (details: unknown) => {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (tests call the activities directly): nothing to report to.
  }
};
