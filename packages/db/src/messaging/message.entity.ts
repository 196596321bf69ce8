import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';
import { SendingDomain } from './sending-domain.entity.ts';
import { JourneyVersion } from '../journeys/journey.entity.ts';

export const MESSAGE_CHANNELS = ['email', 'sms', 'wechat'] as const;
export const MESSAGE_PURPOSES = ['marketing', 'transactional'] as const;
export const MESSAGE_SOURCES = [
  'api',
  'test',
  'campaign',
  'journey',
  'reply',
  'system',
  // An agent's reply in the inbox (source_id: the conversation).
  'conversation',
] as const;

/**
 * Delivery states first, engagement states after: a message only moves to a later state (see message-status.ts),
 * so a late "delivered" callback never hides an open. `sending` is the claim: the row is being handed to the provider.
 */
export const MESSAGE_STATUSES = [
  'queued',
  'deferred',
  'sending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'unsubscribed',
  'complained',
  'bounced',
  'failed',
  'suppressed',
] as const;

/**
 * The send ledger: every message is a row before it is sent. The business idempotency key (source + step + contact +
 * channel) is unique per workspace, so a retried activity or a repeated API call finds the row instead of sending again.
 */
export const Message = defineEntity({
  name: 'Message',
  tableName: 'messages',
  uniques: [{ properties: ['workspace', 'idempotencyKey'] }],
  indexes: [
    // A contact's messages (timeline, frequency caps across channels).
    { properties: ['contact', 'createdAt'] },
    // Status callbacks and bounces find their message by the provider's id.
    { properties: ['providerMessageId'] },
    { properties: ['workspace', 'sourceKind', 'sourceId'] },
    // Stalled work: queued/deferred rows whose workflow never started.
    { properties: ['status', 'deferredUntil'] },
    // Reports rebuild an hour of the rollups from the messages sent in it.
    { properties: ['workspace', 'sentAt'] },
  ],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    // Messages outlive an erased contact as anonymous delivery records (the address is cleared too).
    contact: p.manyToOne(Contact).mapToPk().nullable().deleteRule('set null'),
    idempotencyKey: p.string().length(300),
    sourceKind: p.enum([...MESSAGE_SOURCES]),
    sourceId: p.string().length(100).nullable(),
    /** For journey sends: the published version and the step that sent it (reports and attribution use them). */
    journeyVersion: p.manyToOne(JourneyVersion).mapToPk().nullable().deleteRule('set null'),
    journeyNode: p.string().length(40).nullable(),
    /** The published template version the message was written from (reports per template read it). */
    templateVersionId: p.uuid().nullable(),
    channel: p.enum([...MESSAGE_CHANNELS]),
    purpose: p.enum([...MESSAGE_PURPOSES]),
    topic: p.string().length(100).default(''),
    toAddress: p.string().length(254).nullable(),
    fromAddress: p.string().length(254).nullable(),
    sendingDomain: p.manyToOne(SendingDomain).mapToPk().nullable().deleteRule('set null'),
    /** What to send: inline content, or a reference to a published template version. */
    content: p.json<Record<string, unknown>>(),
    /** The rendered subject, and a SHA-256 of the rendered body: proof of what went out without a copy per recipient. */
    subject: p.text().nullable(),
    bodyHash: p.string().length(64).nullable(),
    status: p.enum([...MESSAGE_STATUSES]).default('queued'),
    /** The gate's last decision with its reasons (consent, suppression, caps, quiet hours, warm-up, throughput). */
    gateDecision: p.json<Record<string, unknown>>().nullable(),
    deferredUntil: p.datetime().nullable(),
    attempts: p.integer().default(0),
    provider: p.string().length(32).nullable(),
    providerMessageId: p.string().length(250).nullable(),
    segments: p.integer().nullable(),
    cost: p.decimal('number').precision(12).scale(5).nullable(),
    costCurrency: p.string().length(3).nullable(),
    error: p.text().nullable(),
    errorCode: p.string().length(32).nullable(),
    createdAt: p.datetime(),
    claimedAt: p.datetime().nullable(),
    /** Which delivery attempt holds the claim: only that attempt may hand the message over. */
    claimId: p.uuid().nullable(),
    /** Set just before the message goes to the provider: a claim without it never left, so a retry may send it. */
    handedAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});
export type Message = InferEntity<typeof Message>;

/** Everything a message's status can become is also an event in its history, except the internal claim. */
export const MESSAGE_EVENT_KINDS = MESSAGE_STATUSES.filter(
  (status): status is Exclude<(typeof MESSAGE_STATUSES)[number], 'sending'> => status !== 'sending',
);

/** What happened to one message, in order: provider statuses, opens and clicks (machine ones flagged), bounces. */
export const MessageEvent = defineEntity({
  name: 'MessageEvent',
  tableName: 'message_events',
  indexes: [{ properties: ['message', 'occurredAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    message: p.manyToOne(Message).mapToPk().deleteRule('cascade'),
    kind: p.enum([...MESSAGE_EVENT_KINDS]),
    /** Apple Mail Privacy Protection prefetches, link scanners, HEAD requests: recorded, never counted as engagement. */
    machine: p.boolean().default(false),
    url: p.text().nullable(),
    detail: p.json<Record<string, unknown>>().default('{}'),
    occurredAt: p.datetime(),
  },
});
export type MessageEvent = InferEntity<typeof MessageEvent>;
