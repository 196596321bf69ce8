import { proxyActivities } from '@temporalio/workflow';
import type { SandboxWechatActivities } from '../wechat/sandbox-wechat-activities.ts';

export interface SimulateWechatFriendRequestInput {
  version: 1;
  gatewayTaskQueue: string;
  contact: { id: string; name: string };
  hello: string;
}

/** Someone asks the bot to be friends; runs where the bot lives and returns once the product has recorded it. */
export async function simulateWechatFriendRequestWorkflow(
  input: SimulateWechatFriendRequestInput,
): Promise<void> {
  const { simulateWechatFriendRequest } = proxyActivities<SandboxWechatActivities>({
    taskQueue: input.gatewayTaskQueue,
    startToCloseTimeout: '15 seconds',
    retry: { maximumAttempts: 2 },
  });
  await simulateWechatFriendRequest({ contact: input.contact, hello: input.hello });
}
