import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from '../identity/user.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';
import { Segment } from '../segments/segment.entity.ts';
import { MESSAGE_CHANNELS } from '../messaging/message.entity.ts';

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'sending',
  'testing',
  'paused',
  'sent',
  'cancelled',
  'failed',
] as const;

/**
 * A send to a segment on one channel. Variants (A/B/n) each name a published template version plus the field they
 * change; the schedule says when (now, at a time, at a time in each recipient's zone, or each recipient's best hour).
 */
export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'campaigns',
  indexes: [{ properties: ['workspace', 'createdAt'] }, { properties: ['status', 'scheduledAt'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    channel: p.enum([...MESSAGE_CHANNELS]),
    status: p.enum([...CAMPAIGN_STATUSES]).default('draft'),
    segment: p.manyToOne(Segment).mapToPk().nullable().deleteRule('set null'),
    topic: p.string().length(100).default(''),
    variants: p.json<unknown[]>(),
    schedule: p.json<Record<string, unknown>>(),
    abTest: p.json<Record<string, unknown>>().nullable(),
    /** A cron expression: each run is a copy of this campaign, sent to the segment as it is then. */
    recurrence: p.string().length(100).nullable(),
    /** The recurring campaign this run was copied from. */
    parentId: p.uuid().nullable(),
    winner: p.string().length(8).nullable(),
    decision: p.json<Record<string, unknown>>().nullable(),
    audienceSize: p.integer().nullable(),
    error: p.text().nullable(),
    /** What the campaign cost beyond its messages (design, an agency, a list), for ROI in reports. */
    fixedCost: p.decimal('number').precision(12).scale(2).nullable(),
    createdBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    scheduledAt: p.datetime().nullable(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});
export type Campaign = InferEntity<typeof Campaign>;

/**
 * The audience snapshot taken when the campaign starts: who gets it, in which variant, and when. Batches walk the
 * ordinal; the contact is unique per campaign, and the ledger's idempotency key makes each send happen once.
 */
export const CampaignRecipient = defineEntity({
  name: 'CampaignRecipient',
  tableName: 'campaign_recipients',
  primaryKeys: ['campaign', 'ordinal'],
  uniques: [{ properties: ['campaign', 'contact'] }],
  properties: {
    campaign: p.manyToOne(Campaign).mapToPk().primary().deleteRule('cascade'),
    ordinal: p.integer().primary(),
    contact: p.manyToOne(Contact).mapToPk().deleteRule('cascade'),
    /** A, B, C… for test groups; null until the winner is known for the rest. */
    variant: p.string().length(8).nullable(),
    /** Local-time and send-time optimisation: the moment this recipient's message is due. */
    sendAt: p.datetime().nullable(),
    /** Why this time (STO: "their usual hour", "the workspace's best hour"). */
    sendAtReason: p.string().length(40).nullable(),
  },
});
export type CampaignRecipient = InferEntity<typeof CampaignRecipient>;
