import { loadConfigOrExit, onStopRequest, workerConfigSchema } from '@switchboard/config';
import { createWorkerRuntime } from './worker-runtime.ts';

const config = loadConfigOrExit(workerConfigSchema);
const runtime = await createWorkerRuntime(config).catch((error: Error) => {
  console.error(`The worker could not start: ${error.message}`);
  process.exit(1);
});
onStopRequest((reason) => {
  console.log(`${reason}: finishing running tasks, then stopping`);
  void runtime.shutdown().then(() => process.exit(0));
});
console.log(
  `polling "${config.TEMPORAL_TASK_QUEUE}"${config.WORKER_WECHAT_GATEWAY ? ` and "${config.TEMPORAL_WECHAT_TASK_QUEUE}"` : ''} on ${config.TEMPORAL_ADDRESS}`,
);
await runtime.run();
