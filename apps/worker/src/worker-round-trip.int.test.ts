import { afterAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, workerConfigSchema } from '@switchboard/config';
import { temporalAddress, useTestDatabase } from '@switchboard/testkit';
import { SandboxChatMessage } from '@switchboard/db';
import { HEALTH_WORKFLOW } from '@switchboard/health';
import { SIMULATE_WECHAT_WORKFLOW, SIMULATED_WECHAT_CONTACTS } from '@switchboard/sandbox';
import { createWorkerRuntime } from './worker-runtime.ts';

const database = await useTestDatabase();
const suffix = Math.random().toString(36).slice(2, 8);
const config = loadConfig(workerConfigSchema, {
  DATABASE_URL: database.url,
  TEMPORAL_ADDRESS: temporalAddress(),
  TEMPORAL_TASK_QUEUE: `main-${suffix}`,
  TEMPORAL_WECHAT_TASK_QUEUE: `wechat-${suffix}`,
  SANDBOX_ENABLED: 'true',
});
const runtime = await createWorkerRuntime(config);
const running = runtime.run();
const connection = await Connection.connect({ address: temporalAddress() });
const client = new Client({ connection });
afterAll(async () => {
  await runtime.shutdown();
  await running;
  await connection.close();
});

describe('worker', () => {
  it('completes the health round trip through Temporal to the database', async () => {
    const result = await client.workflow.execute(HEALTH_WORKFLOW, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `health-${suffix}`,
      args: [{ version: 1 }],
      workflowExecutionTimeout: '20 seconds',
    });
    expect(result).toEqual({ databaseMs: expect.any(Number) });
  }, 60_000);

  it('holds the WeChat bot: a simulated contact’s message reaches the bot through the gateway task queue', async () => {
    const contact = SIMULATED_WECHAT_CONTACTS[0];
    await client.workflow.execute(SIMULATE_WECHAT_WORKFLOW, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowId: `wechat-${suffix}`,
      args: [
        {
          version: 1,
          gatewayTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
          contactId: contact.id,
          text: '你好, is my order shipped?',
        },
      ],
      workflowExecutionTimeout: '20 seconds',
    });
    const transcript = await database.db.fork().find(SandboxChatMessage, {});
    expect(transcript).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        peerId: contact.id,
        peerName: contact.name,
        text: '你好, is my order shipped?',
      }),
    ]);
  }, 60_000);
});
