import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/**
 * What the messages sent in one UTC hour did, per channel, source (campaign, journey step, …) and template version: the rollup the
 * reports read instead of the ledger. Rebuilt an hour at a time from the ledger whenever a row of that hour changes
 * (see `message_rollup_stale`), so it always equals what the raw tables say once refreshed.
 */
export const MessageRollup = defineEntity({
  name: 'MessageRollup',
  tableName: 'message_rollups',
  primaryKeys: ['workspace', 'hour', 'channel', 'sourceKind', 'sourceId', 'journeyNode', 'templateVersionId'],
  properties: {
    workspace: p.manyToOne(Workspace).mapToPk().primary().deleteRule('cascade'),
    /** The hour (UTC) the messages were sent in. */
    hour: p.datetime().primary(),
    channel: p.string().length(10).primary(),
    sourceKind: p.string().length(20).primary(),
    /** '' for a source without an id (an API send), so the key has no nulls. */
    sourceId: p.string().length(100).primary(),
    journeyNode: p.string().length(40).primary(),
    /** The template version the messages were written from; '' for messages with content of their own. */
    templateVersionId: p.string().length(36).primary(),
    sent: p.integer(),
    delivered: p.integer(),
    bounced: p.integer(),
    /** Messages a person opened or clicked. */
    humanOpened: p.integer(),
    /** Messages opened only by machines (privacy proxies, scanners). */
    machineOpened: p.integer(),
    /** Messages a person clicked, and their clicks in all. */
    clicked: p.integer(),
    clicks: p.integer(),
    replied: p.integer(),
    unsubscribed: p.integer(),
    complained: p.integer(),
    /** SMS: what the provider charged, where it said; and the segments of the rest, priced at the report's rate. */
    recordedCost: p.decimal('number').precision(14).scale(5),
    unpricedSegments: p.integer(),
  },
});
export type MessageRollup = InferEntity<typeof MessageRollup>;

/**
 * An hour whose rollup no longer matches the ledger: appended by triggers on `messages` and `message_events` in the
 * writer's own transaction (never updated in place, so writers never wait on each other), taken by the refresh.
 */
export const MessageRollupStale = defineEntity({
  name: 'MessageRollupStale',
  tableName: 'message_rollup_stale',
  indexes: [{ properties: ['workspace'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    hour: p.datetime(),
  },
});
export type MessageRollupStale = InferEntity<typeof MessageRollupStale>;
