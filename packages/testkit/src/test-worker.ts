import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { temporalAddress } from './test-database.ts';

const quiet = { info: () => undefined, debug: () => undefined, trace: () => undefined, log: () => undefined };

/**
 * A Temporal worker on the tests' dev server for one package's workflows and activities, on its own task queue.
 * Returns stop(), to call from afterAll.
 */
export async function startTestWorker(options: {
  taskQueue: string;
  /** Absolute path of the workflows barrel to bundle. */
  workflowsPath: string;
  activities: object;
  /** Another server's connection (the time-skipping one); the dev server's by default. */
  connection?: NativeConnection;
}) {
  try {
    // Worker state changes are logged at INFO; tests want warnings only. Installing twice in one process throws.
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier worker in this process.
  }
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: options.workflowsPath,
    // As the product's worker bundles them (apps/worker/src/bundle-workflows.ts).
    preloadModules: [options.workflowsPath],
    logger: { ...quiet, warn: console.warn, error: console.error },
  });
  const connection = options.connection ?? (await NativeConnection.connect({ address: temporalAddress() }));
  const worker = await Worker.create({
    connection,
    taskQueue: options.taskQueue,
    workflowBundle,
    activities: options.activities,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      if (!options.connection) await connection.close();
    },
  };
}
