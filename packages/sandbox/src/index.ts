export { startSandboxPeers, type SandboxPeers, type SandboxPeersOptions } from './peers.ts';
export { startSmtpCatcher, type SmtpCatcher, type CaughtEmail } from './smtp/smtp-catcher.ts';
export { createTwilioPeer, type SentSms } from './sms/twilio-peer.ts';
export { twilioSignature } from './sms/twilio-signature.ts';
export { sendRawMail, reactionFor } from './smtp/simulated-bounces.ts';
// createSandboxWechat is at '@switchboard/sandbox/wechat': it loads Wechaty, which most processes never need.
export { SIMULATED_WECHAT_CONTACTS } from './wechat/simulated-contacts.ts';
export type { SandboxWechat } from './wechat/sandbox-wechat.ts';
export {
  createSandboxWechatActivities,
  type SandboxWechatActivities,
} from './wechat/sandbox-wechat-activities.ts';
export type { SimulateWechatMessageInput } from './workflows/simulate-wechat-message.workflow.ts';
export type { SimulateWechatFriendRequestInput } from './workflows/simulate-wechat-friend-request.workflow.ts';
export const SIMULATE_WECHAT_FRIEND_REQUEST_WORKFLOW = 'simulateWechatFriendRequestWorkflow';
export const SIMULATE_WECHAT_WORKFLOW = 'simulateWechatMessageWorkflow';
