export {
  simulateWechatMessageWorkflow,
  type SimulateWechatMessageInput,
} from './simulate-wechat-message.workflow.ts';
export {
  simulateWechatFriendRequestWorkflow,
  type SimulateWechatFriendRequestInput,
} from './simulate-wechat-friend-request.workflow.ts';
