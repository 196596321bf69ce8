import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';
import { Segment } from './segment.entity.ts';

/**
 * Who is in a segment now: kept current for dynamic segments as contacts change, and written directly for static
 * lists. Entries and exits are also recorded as events on the contact's timeline.
 */
export const SegmentMember = defineEntity({
  name: 'SegmentMember',
  tableName: 'segment_members',
  primaryKeys: ['segment', 'contact'],
  indexes: [{ properties: ['contact'] }],
  properties: {
    segment: p.manyToOne(Segment).mapToPk().primary().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().primary().deleteRule('cascade'),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    enteredAt: p.datetime(),
  },
});
export type SegmentMember = InferEntity<typeof SegmentMember>;
