import { proxyActivities } from '@temporalio/workflow';
import type { SandboxWechatActivities } from '../wechat/sandbox-wechat-activities.ts';

export interface SimulateWechatMessageInput {
  version: 1;
  /** The task queue served by the process holding the bot. */
  gatewayTaskQueue: string;
  contactId: string;
  text: string;
}

/** A simulated WeChat user messages the bot; runs where the bot lives, via the gateway task queue. */
export async function simulateWechatMessageWorkflow(input: SimulateWechatMessageInput): Promise<void> {
  const { simulateWechatInbound } = proxyActivities<SandboxWechatActivities>({
    taskQueue: input.gatewayTaskQueue,
    startToCloseTimeout: '15 seconds',
    retry: { maximumAttempts: 2 },
  });
  await simulateWechatInbound({ contactId: input.contactId, text: input.text });
}
