import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Database } from '@switchboard/db';
import { createImportActivities } from '../activities/import-activities.ts';

const quiet = { info: () => undefined, debug: () => undefined, trace: () => undefined, log: () => undefined };

/** A Temporal worker running only the import workflow and its activities, for tests of code that starts imports. */
export async function startImportWorker(options: { db: Database; address: string; taskQueue: string }) {
  try {
    // Worker state changes are logged at INFO; tests want warnings only. Installing twice in one process throws.
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier worker in this process.
  }
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../workflows/index.ts', import.meta.url)),
    logger: { ...quiet, warn: console.warn, error: console.error },
  });
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    taskQueue: options.taskQueue,
    workflowBundle,
    activities: createImportActivities({ db: options.db }),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
