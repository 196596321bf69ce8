/**
 * The narrow port every channel adapter implements. The rest of Switchboard talks to channels only through these
 * types; provider SDKs (nodemailer, twilio, wechaty) are imported in the adapters alone.
 */
export type ChannelName = 'email' | 'sms' | 'wechat';

export interface SendResult {
  /** The provider's id for the message (SMTP Message-ID, Twilio SID, WeChat message id). */
  providerMessageId: string;
  /** The provider accepted the message; delivery is reported later. */
  status: 'accepted';
}

export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface EmailMessage {
  to: string;
  from?: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Sent exactly as given (already RFC 5322-safe): nodemailer must not re-fold List-Unsubscribe and friends. */
  headers?: Record<string, string>;
  /** The Message-ID without angle brackets, on the sending domain. */
  messageId?: string;
  /** SMTP MAIL FROM: a per-message bounce address so bounces name their message. */
  envelopeFrom?: string;
  /** The sending domain's own key; without it the transport's configured key (if any) signs. */
  dkim?: DkimKey;
  /** Files sent with the message (an agent's images). */
  attachments?: ChannelFile[];
}

/** A file a message carries, with its bytes. */
export interface ChannelFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface SmsMessage {
  to: string;
  body: string;
  statusCallback?: string;
  /** A Twilio Messaging Service SID used instead of the From number. */
  messagingServiceSid?: string;
  /** Public URLs of images Twilio fetches and sends as MMS (US and Canadian numbers). */
  mediaUrls?: string[];
}

/** A WeChat link card: title, summary and thumbnail shown as a tappable card. */
export interface ChatLinkCard {
  url: string;
  title: string;
  description?: string;
  thumbnailUrl?: string;
}

export interface ChatMessage {
  /** The WeChat contact id as the puppet knows it. */
  to: string;
  /** Sent first when not empty. */
  text: string;
  /** Sent after the text as a link card. */
  link?: ChatLinkCard;
  /** Sent after the text, each as an image. */
  images?: ChannelFile[];
}

export interface InboundChatMessage {
  providerMessageId: string;
  from: { id: string; name: string };
  text: string;
  receivedAt: Date;
}

export interface WechatFriendRequest {
  requestId: string;
  from: { id: string; name: string };
  hello: string;
  receivedAt: Date;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<SendResult>;
  /** Checks the SMTP server answers and accepts our credentials. */
  verify(): Promise<void>;
  close(): void;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<SendResult>;
}

export interface ChatGateway {
  send(message: ChatMessage): Promise<SendResult>;
  onInbound(handler: (message: InboundChatMessage) => Promise<void>): void;
  /** Someone asked to become the bot's friend; the request is accepted after the handler has recorded it. */
  onFriendRequest(handler: (request: WechatFriendRequest) => Promise<void>): void;
  listContacts(): Promise<{ id: string; name: string }[]>;
  stop(): Promise<void>;
}

/** A provider refused the message for a reason that retrying will not fix (bad address, unknown number…). */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    readonly providerCode?: string | number,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}
