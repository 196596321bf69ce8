import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { CountingSink } from '../../data/counting-smtp-sink.ts';
import { bareSinkTransport } from '../../data/counting-smtp-sink.ts';
import { FROM, type CampaignStack } from '../../campaign-stack.ts';

/**
 * The journey benchmarks' ceiling: a worker on the stack's Temporal server running the bare workflows, whose one
 * activity sends the pre-rendered email to the sink through a pool of `poolSize` connections.
 */
export async function startBareWorker(
  stack: CampaignStack,
  options: { queueSuffix: string; sink: CountingSink; poolSize: number; message: object },
): Promise<{ taskQueue: string; stop(): Promise<void> }> {
  const transport = bareSinkTransport(options.sink, options.poolSize);
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const taskQueue = `${stack.taskQueue}-${options.queueSuffix}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    activities: {
      async sendPrerendered(to: string) {
        await transport.sendMail({ from: FROM, to, ...options.message });
      },
    },
  });
  const running = worker.run();
  return {
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      transport.close();
    },
  };
}
