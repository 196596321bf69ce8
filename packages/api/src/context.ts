import type { CampaignControl } from '@switchboard/campaigns';
import type { JourneyTemporal } from '@switchboard/journeys';
import type { EntityManager } from '@switchboard/db';
import type { SessionContext, TransactionalMailer } from '@switchboard/accounts';
import type { SandboxPort } from './sandbox-port.ts';
import type { TxtResolver } from '@switchboard/messaging';
import type { InboxStreamItem, LiveSignal } from '@switchboard/inbox';

/** What the procedures may use besides the database; the server's composition root provides real implementations. */
export interface ApiServices {
  mailer: TransactionalMailer;
  publicUrl: string;
  /** SESSION_SECRET: keys the hash under which session tokens are stored. */
  sessionSecret: string;
  /** Present only when the sandbox peers run (no real providers configured). */
  sandbox: SandboxPort | null;
  /** Starts the durable delivery of a ledger message (a Temporal workflow in production). */
  startDelivery(message: { id: string; channel: 'email' | 'sms' | 'wechat' }): Promise<void>;
  /** DNS TXT lookups for sending-domain checks (node:dns in production, a fixed answer in tests). */
  resolveTxt: TxtResolver;
  /** The SPF mechanism that authorises our SMTP relay, shown in the records to publish. */
  spfMechanism: string;
  /** Starts, pauses, resumes and cancels campaign workflows. */
  campaigns: CampaignControl;
  /** Starts journey instance workflows for contacts enrolled from the app. */
  journeys: JourneyTemporal;
  /** The key this workspace's journey webhooks are signed with, shown in the builder. */
  journeyWebhookSecret(workspaceId: string): string;
  /** Private `address:port` targets the operator allows webhooks to reach (WEBHOOK_PRIVATE_TARGETS). */
  webhookPrivateTargets: readonly string[];
  inbox: InboxRealtime;
}

/** The inbox's live side: every server process's streams, fed by LISTEN/NOTIFY (an InboxEventHub). */
export interface InboxRealtime {
  stream(
    workspaceId: string,
    lastEventId: number | null,
    signal: AbortSignal,
  ): AsyncGenerator<InboxStreamItem>;
  signal(em: EntityManager, workspaceId: string, signal: LiveSignal): Promise<void>;
  /** Wakes a snoozed conversation at its time (a durable timer: a Temporal workflow in production). */
  scheduleWake(conversation: { workspaceId: string; conversationId: string; at: Date }): Promise<void>;
}

export interface SessionCookieWriter {
  set(token: string): void;
  clear(): void;
}

export interface ApiContext {
  /** This request's own EntityManager fork. */
  em: EntityManager;
  /** The signed-in user, their workspace and role; the workspace always comes from here, never from input. */
  session: SessionContext | null;
  ip: string;
  userAgent: string | null;
  /** The X-CSRF-Token header, checked against the session on every mutation. */
  csrfHeader: string | null;
  /** Whether the request's Origin (or Referer) is our own; required for mutations without a session. */
  sameOrigin: boolean;
  cookies: SessionCookieWriter;
  services: ApiServices;
}
