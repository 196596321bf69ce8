import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';

/**
 * The finest thing a touch is credited to — a channel with its source (campaign, journey step, API send) — numbered
 * per workspace, so a touch row carries two small integers instead of four strings. Reports map it to the key they
 * credit (channel, source or step).
 */
export const AttributionKey = defineEntity({
  name: 'AttributionKey',
  tableName: 'attribution_keys',
  uniques: [{ properties: ['workspace', 'channel', 'sourceKind', 'sourceId', 'journeyNode'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    channel: p.string().length(10),
    sourceKind: p.string().length(20),
    /** '' for a source without an id (an API send), so the key has no nulls. */
    sourceId: p.string().length(100),
    journeyNode: p.string().length(40),
  },
});
export type AttributionKey = InferEntity<typeof AttributionKey>;

/**
 * One touch of a contact (a message delivered, opened or clicked by a person, or replied to) for one set of touch
 * kinds (`mask`: delivered 1, opened 2, clicked 4, replied 8), with the contact's previous touch of that set — its day
 * and key — so a report can count a period's transitions between touches with one grouped scan instead of rebuilding
 * every contact's path. `day` is the touch's calendar day in the time zone its chain was built for. Rebuilt per
 * contact from the ledger whenever a message of theirs changes (see `message_rollup_stale`); deleted with the contact.
 */
export const AttributionTouch = defineEntity({
  name: 'AttributionTouch',
  tableName: 'attribution_touches',
  indexes: [{ properties: ['workspace', 'mask', 'day'] }, { properties: ['contact', 'mask', 'at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    mask: p.smallint(),
    contact: p.manyToOne(Contact).mapToPk().deleteRule('cascade'),
    at: p.datetime(),
    day: p.date(),
    keyId: p.integer(),
    prevDay: p.date().nullable(),
    prevKey: p.integer().nullable(),
  },
});
export type AttributionTouch = InferEntity<typeof AttributionTouch>;

/** A set of touch kinds whose touches are kept for a workspace, and the time zone their days are in. */
export const AttributionChain = defineEntity({
  name: 'AttributionChain',
  tableName: 'attribution_chains',
  primaryKeys: ['workspace', 'mask'],
  properties: {
    workspace: p.manyToOne(Workspace).mapToPk().primary().deleteRule('cascade'),
    mask: p.smallint().primary(),
    timeZone: p.string().length(64),
  },
});
export type AttributionChain = InferEntity<typeof AttributionChain>;

/**
 * The kept touches counted per day, the day of the previous touch, and the channels of both (`prevDay` -infinity and
 * `prevChannel` '' for a contact's first touch): what the default report, credited by channel, reads for a period in
 * a few thousand rows. Kept equal to `attribution_touches` by statement triggers on it.
 */
export const AttributionChannelStep = defineEntity({
  name: 'AttributionChannelStep',
  tableName: 'attribution_channel_steps',
  primaryKeys: ['workspace', 'mask', 'day', 'prevDay', 'prevChannel', 'channel'],
  properties: {
    workspace: p.manyToOne(Workspace).mapToPk().primary().deleteRule('cascade'),
    mask: p.smallint().primary(),
    day: p.date().primary(),
    prevDay: p.date().primary(),
    prevChannel: p.string().length(10).primary(),
    channel: p.string().length(10).primary(),
    n: p.integer(),
  },
});
export type AttributionChannelStep = InferEntity<typeof AttributionChannelStep>;
