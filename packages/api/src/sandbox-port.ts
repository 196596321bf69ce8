export interface SandboxEmailSummary {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
  size: number;
}

export interface SandboxEmail extends SandboxEmailSummary {
  html: string | null;
  text: string | null;
  headers: [string, string][];
}

export interface SandboxSms {
  sid: string;
  from: string;
  to: string;
  body: string;
  status: string;
  createdAt: string;
}

export interface SandboxChatLine {
  id: number;
  direction: 'inbound' | 'outbound';
  peerId: string;
  peerName: string;
  text: string;
  createdAt: Date;
}

export interface SandboxWebhook {
  id: number;
  receivedAt: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Read access to the sandbox peers and the simulated WeChat contacts, for the Sandbox outbox page. */
export interface SandboxPort {
  listEmails(): Promise<{ total: number; emails: SandboxEmailSummary[] }>;
  getEmail(id: string): Promise<SandboxEmail | null>;
  rawEmail(id: string): Promise<string | null>;
  listSms(): Promise<SandboxSms[]>;
  /** What the sandbox's pretend CRM received from Switchboard's webhooks, newest first. */
  listWebhooks(): Promise<SandboxWebhook[]>;
  /** Where that CRM takes webhooks: an endpoint URL to try webhooks with. */
  webhookReceiverUrl: string;
  wechatContacts(): readonly { id: string; name: string }[];
  wechatTranscript(): Promise<SandboxChatLine[]>;
  /** A phone texts our number (Twilio's signed inbound webhook reaches the product). */
  sendSmsFromPhone(from: string, body: string): Promise<void>;
  /** Makes a simulated contact message the bot; resolves once the bot has received it. */
  simulateWechatMessage(contactId: string, text: string): Promise<void>;
}
