import type { EntityManager, MESSAGE_EVENT_KINDS } from '@switchboard/db';
import type { ChatLinkCard } from '@switchboard/channels';
import { sql, uuidV7 } from '@switchboard/contacts';
import { advanceStatus, type MessageStatus } from './message-status.ts';
import type { Timestamp } from './timestamps.ts';
import type { TemplateReference } from '../content/template-content.ts';

export type Channel = 'email' | 'sms' | 'wechat';

export interface EmailThread {
  inReplyTo: string;
  references: string[];
}

/** What a message says: inline content (API, tests, replies) or a published template version (campaigns). */
/** An image stored with the inbox's attachments; the sender reads its bytes when it sends. */
export interface MediaRef {
  id: string;
  filename: string;
  contentType: string;
}

export type MessageContent =
  | {
      kind: 'email';
      subject: string;
      html: string;
      text?: string;
      from?: string;
      /** A sender name without an address of its own: sent as this name at the default sender address. */
      fromName?: string;
      replyTo?: string;
      /** An answer in an email thread (inbox replies): the contact's message ids it follows. */
      thread?: EmailThread;
      /** Images an agent attached (inbox replies), sent as attachments. */
      media?: MediaRef[];
    }
  | { kind: 'sms'; body: string; media?: MediaRef[] }
  | { kind: 'wechat'; text: string; link?: ChatLinkCard; media?: MediaRef[] }
  | TemplateReference;

export interface EnqueueInput {
  workspaceId: string;
  contactId: string;
  /** Source + step + contact + channel: the same business send always maps to the same row. */
  idempotencyKey: string;
  sourceKind: 'api' | 'test' | 'campaign' | 'journey' | 'reply' | 'system' | 'conversation';
  sourceId?: string | null;
  channel: Channel;
  purpose: 'marketing' | 'transactional';
  topic?: string;
  content: MessageContent;
  /** A journey send: the version and step it came from, for per-step reports and attribution. */
  journey?: { versionId: string; node: string };
}

export interface MessageRow {
  id: string;
  workspace_id: string;
  contact_id: string | null;
  idempotency_key: string;
  source_kind: EnqueueInput['sourceKind'];
  source_id: string | null;
  channel: Channel;
  purpose: 'marketing' | 'transactional';
  topic: string;
  to_address: string | null;
  from_address: string | null;
  content: MessageContent;
  subject: string | null;
  status: MessageStatus;
  gate_decision: Record<string, unknown> | null;
  deferred_until: Timestamp | null;
  attempts: number;
  provider: string | null;
  provider_message_id: string | null;
  segments: number | null;
  cost: string | null;
  cost_currency: string | null;
  error: string | null;
  error_code: string | null;
  created_at: Timestamp;
  handed_at?: Timestamp | null;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  updated_at: Timestamp;
}

/**
 * Writes the ledger row, or finds the one already written for this idempotency key: a repeated request or a retried
 * activity gets the first message back (`created: false`) instead of a second send.
 */
export async function enqueueMessage(
  em: EntityManager,
  input: EnqueueInput,
): Promise<{ message: MessageRow; created: boolean }> {
  // The message and its "queued" event in one statement (one round trip for every message a journey or the API
  // sends); "queued" is internal, so it has no timeline entry.
  const inserted = await sql<MessageRow>(
    em,
    `with inserted as (
       insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, channel, purpose,
         topic, content, journey_version_id, journey_node, template_version_id, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 'queued', now(), now())
       on conflict (workspace_id, idempotency_key) do nothing
       returning *
     ), logged as (
       insert into message_events (workspace_id, message_id, kind, machine, url, detail, occurred_at)
       select workspace_id, id, 'queued', false, null, '{}'::jsonb, clock_timestamp() from inserted
     )
     select * from inserted`,
    [
      uuidV7(),
      input.workspaceId,
      input.contactId,
      input.idempotencyKey,
      input.sourceKind,
      input.sourceId ?? null,
      input.channel,
      input.purpose,
      input.topic ?? '',
      JSON.stringify(input.content),
      input.journey?.versionId ?? null,
      input.journey?.node ?? null,
      input.content.kind === 'template' ? input.content.versionId : null,
    ],
  );
  if (inserted[0]) return { message: inserted[0], created: true };
  const [existing] = await sql<MessageRow>(
    em,
    'select * from messages where workspace_id = ? and idempotency_key = ?',
    [input.workspaceId, input.idempotencyKey],
  );
  if (!existing) throw new Error('The message vanished between insert and lookup');
  return { message: existing, created: false };
}

export async function findMessage(
  em: EntityManager,
  messageId: string,
  workspaceId?: string,
): Promise<MessageRow | null> {
  const rows = await sql<MessageRow>(
    em,
    `select * from messages where id = ?${workspaceId ? ' and workspace_id = ?' : ''}`,
    workspaceId ? [messageId, workspaceId] : [messageId],
  );
  return rows[0] ?? null;
}

export type MessageEventKind = (typeof MESSAGE_EVENT_KINDS)[number];

export interface MessageEventInput {
  kind: MessageEventKind;
  machine?: boolean;
  url?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** Events the contact's timeline and segments see ("email_opened", "sms_delivered"…); queued/deferred stay internal. */
const CONTACT_VISIBLE: ReadonlySet<MessageEventKind> = new Set([
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'unsubscribed',
  'complained',
  'bounced',
]);
/** Kinds that happen once per message: a repeated provider callback must not add a second timeline entry. */
const ONCE_PER_MESSAGE: ReadonlySet<MessageEventKind> = new Set([
  'sent',
  'delivered',
  'bounced',
  'complained',
  'unsubscribed',
]);

/**
 * Records what happened to a message: on the message (status moves forward only), in its event list, and on the
 * contact's timeline as `<channel>_<kind>` so segments ("clicked an email in 7 days") and journeys can use it.
 */
export async function recordMessageEvent(
  em: EntityManager,
  message: Pick<MessageRow, 'id' | 'workspace_id' | 'contact_id' | 'channel' | 'source_kind' | 'source_id'>,
  event: MessageEventInput,
): Promise<void> {
  const at = event.at ?? new Date();
  await sql(
    em,
    `insert into message_events (workspace_id, message_id, kind, machine, url, detail, occurred_at)
     values (?, ?, ?, ?, ?, ?::jsonb, ?)`,
    [
      message.workspace_id,
      message.id,
      event.kind,
      event.machine ?? false,
      event.url ?? null,
      JSON.stringify(event.detail ?? {}),
      at,
    ],
  );
  if (!message.contact_id || !CONTACT_VISIBLE.has(event.kind)) return;
  await sql(
    em,
    `insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
     values (?, ?, ?, ?::jsonb, 'channel', ?, ?, now())
     on conflict (workspace_id, message_id) do nothing`,
    [
      message.workspace_id,
      message.contact_id,
      `${message.channel}_${event.kind}`,
      JSON.stringify({
        messageId: message.id,
        source: message.source_kind,
        ...(message.source_id ? { sourceId: message.source_id } : {}),
        ...(event.machine ? { machine: true } : {}),
        ...(event.url ? { url: event.url } : {}),
      }),
      ONCE_PER_MESSAGE.has(event.kind) ? `msg:${message.id}:${event.kind}` : null,
      at,
    ],
  );
}

/** Moves a message's status forward (never back) after a provider report or engagement. */
export async function advanceMessageStatus(
  em: EntityManager,
  message: Pick<MessageRow, 'id' | 'status'>,
  reported: MessageStatus,
  extra: { deliveredAt?: Date } = {},
): Promise<MessageStatus> {
  const next = advanceStatus(message.status, reported);
  if (next === message.status && !extra.deliveredAt) return next;
  await sql(
    em,
    `update messages set status = ?, delivered_at = coalesce(delivered_at, ?), updated_at = now() where id = ?`,
    [next, extra.deliveredAt ?? null, message.id],
  );
  return next;
}
