import { fileURLToPath } from 'node:url';
import type { Database } from '@switchboard/db';
import { startTestWorker } from '@switchboard/testkit';
import { createImportActivities } from '../activities/import-activities.ts';

/** A Temporal worker running only the import workflow and its activities, for tests of code that starts imports. */
export function startImportWorker(options: { db: Database; taskQueue: string }) {
  return startTestWorker({
    taskQueue: options.taskQueue,
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    activities: createImportActivities({ db: options.db }),
  });
}
