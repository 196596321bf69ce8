export {
  simulateWechatMessageWorkflow,
  type SimulateWechatMessageInput,
} from './simulate-wechat-message.workflow.ts';
