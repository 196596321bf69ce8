import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { Contact } from './contact.entity.ts';

/**
 * The one events store: custom events, page views, purchases, deal changes and (later) message events. Indexed for
 * "did X at least N times in the last D days"; `messageId` makes delivery idempotent per workspace.
 */
export const ContactEvent = defineEntity({
  name: 'ContactEvent',
  tableName: 'events',
  uniques: [{ properties: ['workspace', 'messageId'] }],
  indexes: [
    // Per-contact probes ("did this contact do X since D"), a contact's timeline, erasure.
    { properties: ['contact', 'name', 'occurredAt'] },
    // "Did X at least N times in the last D days": an index-only scan per event name and period.
    { properties: ['workspace', 'name', 'occurredAt', 'contact'] },
  ],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    // No foreign keys: see Migration20261127020000EventsWithoutContactLocks.
    workspace: p.manyToOne(Workspace).mapToPk().createForeignKeyConstraint(false),
    contact: p.manyToOne(Contact).mapToPk().createForeignKeyConstraint(false),
    // `collate "C"` in the database (Migration20261127080000EventsByContactAndName): names are compared as bytes.
    name: p.string().length(200),
    properties: p.json<Record<string, unknown>>().default('{}'),
    revenue: p.decimal('number').precision(14).scale(2).nullable(),
    currency: p.string().length(3).nullable(),
    source: p.string().length(32),
    messageId: p.string().length(200).nullable(),
    occurredAt: p.datetime(),
    receivedAt: p.datetime(),
  },
});
export type ContactEvent = InferEntity<typeof ContactEvent>;
