export * from './browser.ts';
export { mapRow, type ImportRecord, type Rejection } from './mapping/row-mapper.ts';
export { dedupeRecords, matchExisting } from './mapping/dedupe.ts';
export {
  importOptionsSchema,
  parseImportOptions,
  type ImportOptions,
  type ImportOptionsInput,
} from './store/import-options.ts';
export {
  createImport,
  BATCH_ROWS,
  MAX_IMPORT_ROWS,
  type CreateImportInput,
  type CreatedImport,
} from './store/create-import.ts';
export {
  getImport,
  listImports,
  rejectedRows,
  rejectedRowsCsv,
  importHeader,
  suggestMapping,
  type ImportView,
} from './store/import-queries.ts';
export { importBatch, type BatchResult } from './process/import-batch.ts';
export { beginImport, finishImport, failImport } from './process/import-lifecycle.ts';
export { createImportActivities, type ImportActivities } from './activities/import-activities.ts';
export { startImportWorkflow, importWorkflowId } from './start-import.ts';
export { utf8Text } from './csv/utf8-text.ts';
export { stalledImportIds } from './process/stalled-imports.ts';
export { ensureImportSweepSchedule, IMPORT_SWEEP_SCHEDULE_ID } from './import-sweep-schedule.ts';
