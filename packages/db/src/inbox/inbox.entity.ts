import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from '../identity/user.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';
import { Message, MESSAGE_CHANNELS } from '../messaging/message.entity.ts';
import { InboundMessage } from '../messaging/inbound-message.entity.ts';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const CONVERSATION_PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export const CONVERSATION_ENTRY_KINDS = ['inbound', 'outbound', 'note', 'activity'] as const;

/**
 * A group of agents with its own queue: new conversations on its channels are routed to it and assigned in turn
 * among its members; its business hours (when set) replace the workspace's for service-level deadlines.
 */
export const InboxTeam = defineEntity({
  name: 'InboxTeam',
  tableName: 'inbox_teams',
  uniques: [{ properties: ['workspace', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(80),
    /** Channels whose new conversations this team takes (a channel belongs to at most one team). */
    channels: p.array().default([]),
    /** Same shape as the workspace's; null = the workspace's business hours. */
    businessHours: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime(),
  },
});
export type InboxTeam = InferEntity<typeof InboxTeam>;

export const InboxTeamMember = defineEntity({
  name: 'InboxTeamMember',
  tableName: 'inbox_team_members',
  properties: {
    team: p.manyToOne(InboxTeam).primary().mapToPk().deleteRule('cascade'),
    user: p.manyToOne(User).primary().mapToPk().deleteRule('cascade'),
  },
});
export type InboxTeamMember = InferEntity<typeof InboxTeamMember>;

/**
 * One thread with one contact on one channel (a WeChat chat, an SMS number pair, an email thread): what agents
 * answer. The counters and timestamps are kept on the row so the inbox list is one indexed read.
 */
export const Conversation = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  uniques: [{ properties: ['workspace', 'channel', 'contact', 'threadKey'] }],
  indexes: [
    { properties: ['workspace', 'status', 'lastMessageAt'] },
    { properties: ['workspace', 'assignee', 'status'] },
    { properties: ['contact'] },
    // The worker's timer scheduler finds deadlines without a timer yet, without reading the rest.
    {
      name: 'conversations_sla_unscheduled_index',
      expression: `create index "conversations_sla_unscheduled_index" on "conversations" ("sla_due_at") where "sla_due_at" is not null and "sla_scheduled_for" is distinct from "sla_due_at"`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().deleteRule('cascade'),
    channel: p.enum([...MESSAGE_CHANNELS]),
    /** The contact's WeChat id, "their number→our number", or the email thread's first message. */
    threadKey: p.string().length(300),
    status: p.enum([...CONVERSATION_STATUSES]).default('open'),
    priority: p.enum([...CONVERSATION_PRIORITIES]).default('none'),
    assignee: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    team: p.manyToOne(InboxTeam).mapToPk().nullable().deleteRule('set null'),
    labels: p.array().default([]),
    snoozedUntil: p.datetime().nullable(),
    subject: p.text().nullable(),
    lastMessageAt: p.datetime(),
    lastMessagePreview: p.string().length(280).nullable(),
    /** The oldest message from the contact not yet answered by an agent (null when the last word is ours). */
    waitingSince: p.datetime().nullable(),
    firstResponseAt: p.datetime().nullable(),
    resolvedAt: p.datetime().nullable(),
    unreadCount: p.integer().default(0),
    /** The campaign or journey message the contact answered when the conversation began. */
    causeMessage: p.manyToOne(Message).mapToPk().nullable().deleteRule('set null'),
    /** When the current episode began: created, or reopened after being resolved (the resolution target's start). */
    openedAt: p.datetime(),
    /** The nearest service-level deadline (first response, next response or resolution) and what it is for. */
    slaDueAt: p.datetime().nullable(),
    slaKind: p.string().length(20).nullable(),
    slaWarnedAt: p.datetime().nullable(),
    slaBreachedAt: p.datetime().nullable(),
    slaBreaches: p.integer().default(0),
    /** The deadline a durable timer has been started for (the worker starts one for each new deadline). */
    slaScheduledFor: p.datetime().nullable(),
    csatRequestedAt: p.datetime().nullable(),
    csatScore: p.integer().nullable(),
    csatAnsweredAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Conversation = InferEntity<typeof Conversation>;

/** What happened in a conversation, in order: messages both ways, internal notes, and who changed what. */
export const ConversationEntry = defineEntity({
  name: 'ConversationEntry',
  tableName: 'conversation_entries',
  indexes: [{ properties: ['conversation', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    conversation: p.manyToOne(Conversation).mapToPk().deleteRule('cascade'),
    kind: p.enum([...CONVERSATION_ENTRY_KINDS]),
    inboundMessage: p.manyToOne(InboundMessage).mapToPk().nullable().deleteRule('cascade'),
    message: p.manyToOne(Message).mapToPk().nullable().deleteRule('set null'),
    author: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    /** A note's text or an agent reply's text as typed (the ledger keeps what was sent). */
    body: p.text().nullable(),
    detail: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime(),
  },
});
export type ConversationEntry = InferEntity<typeof ConversationEntry>;

/**
 * The inbox's change feed: every server process tails it (woken by NOTIFY) and agents resume from the last id they
 * saw. Ids are allocated under a per-workspace lock, so within a workspace they become visible in order.
 */
export const InboxEvent = defineEntity({
  name: 'InboxEvent',
  tableName: 'inbox_events',
  indexes: [{ properties: ['workspace', 'id'] }, { properties: ['createdAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    conversationId: p.uuid().nullable(),
    kind: p.string().length(40),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(),
  },
});
export type InboxEvent = InferEntity<typeof InboxEvent>;

/** An agent's availability and load limit in a workspace; seen = an open inbox stream (presence). */
export const InboxAgent = defineEntity({
  name: 'InboxAgent',
  tableName: 'inbox_agents',
  properties: {
    workspace: p.manyToOne(Workspace).primary().mapToPk().deleteRule('cascade'),
    user: p.manyToOne(User).primary().mapToPk().deleteRule('cascade'),
    available: p.boolean().default(true),
    capacity: p.integer().default(10),
    lastSeenAt: p.datetime().nullable(),
    lastAssignedAt: p.datetime().nullable(),
    /** When their conversations last went back to the queue because they went offline (once per absence). */
    offlineHandledAt: p.datetime().nullable(),
  },
});
export type InboxAgent = InferEntity<typeof InboxAgent>;

/** How a workspace's inbox assigns work. */
export const InboxSettings = defineEntity({
  name: 'InboxSettings',
  tableName: 'inbox_settings',
  properties: {
    workspace: p.oneToOne(Workspace).primary().mapToPk().deleteRule('cascade'),
    autoAssign: p.boolean().default(true),
    /** When an agent goes offline, their open conversations go back to the queue (or to another agent). */
    reassignWhenOffline: p.boolean().default(false),
    /** Service-level targets in business minutes; null = no target of that kind. */
    slaFirstResponseMinutes: p.integer().nullable(),
    slaNextResponseMinutes: p.integer().nullable(),
    slaResolutionMinutes: p.integer().nullable(),
    /** { timeZone, days: [1..5], from: 'HH:MM', to: 'HH:MM' }; null = targets count every minute of the day. */
    businessHours: p.json<Record<string, unknown>>().nullable(),
    /** Ask the contact to rate the help after a conversation is resolved. */
    csatEnabled: p.boolean().default(true),
  },
});
export type InboxSettings = InferEntity<typeof InboxSettings>;

/** A saved reply an agent inserts with "/shortcut"; Liquid variables see the contact. */
export const CannedResponse = defineEntity({
  name: 'CannedResponse',
  tableName: 'canned_responses',
  uniques: [{ properties: ['workspace', 'shortcut'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    shortcut: p.string().length(40),
    body: p.text(),
    createdAt: p.datetime(),
  },
});
export type CannedResponse = InferEntity<typeof CannedResponse>;

/** An image an agent attached to a reply: kept in the database so every server and worker can read it. */
export const InboxAttachment = defineEntity({
  name: 'InboxAttachment',
  tableName: 'inbox_attachments',
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    contentType: p.string().length(100),
    filename: p.string().length(200),
    byteSize: p.integer(),
    data: p.blob(),
    uploadedBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime(),
  },
});
export type InboxAttachment = InferEntity<typeof InboxAttachment>;
