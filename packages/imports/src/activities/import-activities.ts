import type { Database } from '@switchboard/db';
import { importBatch } from '../process/import-batch.ts';
import { beginImport, failImport, finishImport } from '../process/import-lifecycle.ts';

/** The import workflow's activities; each opens its own unit of work. */
export function createImportActivities(deps: { db: Database }) {
  return {
    beginContactImport: (input: { importId: string }) => beginImport(deps.db.fork(), input.importId),
    importContactBatch: (input: { importId: string; batchNo: number }) =>
      importBatch(deps.db.fork(), input.importId, input.batchNo),
    finishContactImport: (input: { importId: string }) => finishImport(deps.db.fork(), input.importId),
    failContactImport: (input: { importId: string; message: string }) =>
      failImport(deps.db.fork(), input.importId, input.message),
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;
