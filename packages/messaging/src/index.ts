export {
  enqueueMessage,
  findMessage,
  recordMessageEvent,
  advanceMessageStatus,
  type EnqueueInput,
  type MessageContent,
  type MessageRow,
} from './ledger/message-ledger.ts';
export { advanceStatus, type MessageStatus } from './ledger/message-status.ts';
export { recordProviderStatus } from './ledger/provider-status.ts';
export { decideSend, type GateDecision, type GateFacts } from './gate/send-gate.ts';
export { channelAddress } from './gate/gate-facts.ts';
export {
  quietHoursEnd,
  nextLocalTime,
  instantOfLocal,
  localParts,
  type QuietHours,
} from './gate/quiet-hours.ts';
export {
  loadMessagingPolicy,
  saveMessagingPolicy,
  messagingPolicySchema,
  DEFAULT_POLICY,
  type MessagingPolicy,
} from './policy/messaging-policy.ts';
export {
  deliverMessage,
  deliverBatch,
  type DeliveryDeps,
  type DeliveryChannels,
  type DeliveryOutcome,
} from './delivery/deliver-message.ts';
export {
  startDelivery,
  ensureMessageSweepSchedule,
  deliveryWorkflowId,
  type DeliveryQueues,
} from './delivery/start-delivery.ts';
export { createDeliveryActivities, type DeliveryActivities } from './activities/delivery-activities.ts';
export { composeEmail, mailboxAddress, type EmailSettings } from './email/compose-email.ts';
export { stripUnsafeLinks } from './email/safe-links.ts';
export { plainTextFromHtml } from './email/plain-text.ts';
export {
  readReturnAddress,
  returnAddress,
  signedMessageReference,
  readSignedMessageReference,
} from './email/bounce-address.ts';
export { recordOpen, recordClick, type HitContext } from './tracking/record-engagement.ts';
export { readClickToken, messageToken, clickToken } from './tracking/tracking-tokens.ts';
export {
  preferencePage,
  unsubscribeFromAll,
  savePreferences,
  maskEmail,
  type PreferencePage,
} from './unsubscribe/preference-centre.ts';
export { segmentSms, smsCost } from './sms/sms-segments.ts';
export { classifySmsKeyword, type SmsKeyword } from './sms/sms-keywords.ts';
export { receiveInboundSms, type InboundSmsResult } from './sms/receive-inbound-sms.ts';
export { sendMessageSchema, type SendMessageBody } from './api/send-message-input.ts';
export { sendOneMessage } from './api/send-one-message.ts';
export { messageSourceName, messageView } from './api/message-view.ts';
export { processInboundEmail, type InboundEmailOutcome } from './inbound/process-inbound-email.ts';
export { judgeInboundRecipient, type RecipientVerdict } from './inbound/inbound-recipients.ts';
export { inboundDomains } from './inbound/inbound-domains.ts';
export { parseDeliveryReport, type DeliveryReport } from './bounces/delivery-report.ts';
export { isHardBounce } from './bounces/bounce-severity.ts';
export {
  addSendingDomain,
  listSendingDomains,
  verifySendingDomain,
  removeSendingDomain,
  type SendingDomainView,
} from './sending-domains/sending-domains.ts';
export type { TxtResolver } from './sending-domains/dns-records.ts';
export { receiveInboundChat, recordFriendRequest, type InboundChat } from './chat/receive-inbound-chat.ts';
export { contactMessages, type ContactMessage } from './api/contact-messages.ts';
export { SendingSettingsCache } from './delivery/sending-settings-cache.ts';
export { seedDemoMessaging } from './demo/seed-demo-messaging.ts';
export { ThroughputLimiter } from './gate/throughput-limiter.ts';
export {
  personalise,
  liquidContext,
  TemplateCache,
  PersonalisationError,
  LIQUID_LIMITS,
} from './content/personalise.ts';
export {
  resolveContent,
  loadTemplateVersionContent,
  type TemplateReference,
  type ConcreteContent,
} from './content/template-content.ts';
export { iso, toDate, type Timestamp } from './ledger/timestamps.ts';
export {
  sendConversationReply,
  replyHtml,
  replySubject,
  REPLY_LIMITS,
  type ConversationReply,
} from './conversations/send-conversation-reply.ts';
export { replyBlocker } from './conversations/reply-blocker.ts';
export { renderCannedResponse } from './conversations/render-canned-response.ts';
export { seedDemoInbox } from './demo/seed-demo-inbox.ts';
export { askForRating } from './conversations/csat-survey.ts';
