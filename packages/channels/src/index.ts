export type {
  ChannelName,
  DkimKey,
  SendResult,
  EmailMessage,
  SmsMessage,
  ChatMessage,
  ChatLinkCard,
  ChannelFile,
  InboundChatMessage,
  WechatFriendRequest,
  EmailSender,
  SmsSender,
  ChatGateway,
} from './channel-port.ts';
export { PermanentSendError } from './channel-port.ts';
export { createSmtpEmailSender, type SmtpOptions } from './email/smtp-email-sender.ts';
export { createTwilioSmsSender, type TwilioOptions } from './sms/twilio-sms-sender.ts';
// startWechatyGateway is at '@switchboard/channels/wechaty': Wechaty takes about 90 MB once loaded, and only a
// worker that runs the chat gateway needs it.
export type { WechatyGatewayOptions } from './chat/wechaty-gateway.ts';
export { transactionalMailer, smtpOptionsFrom } from './email/transactional-mailer.ts';
export {
  isValidTwilioSignature,
  mapTwilioStatus,
  parseTwilioInbound,
  type InboundSms,
  type MappedSmsStatus,
} from './sms/twilio-webhooks.ts';
export {
  startInboundSmtpListener,
  type InboundEnvelope,
  type InboundSmtpListener,
  type InboundSmtpOptions,
} from './email/inbound-smtp-listener.ts';
