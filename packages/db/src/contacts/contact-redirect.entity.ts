import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/**
 * Where a contact id that no longer exists went: merged into `to` (the survivor) or erased (`to` null). Events
 * addressed to an old id follow it, and housekeeping re-points or removes any event that raced a merge or an
 * erasure (events carry no foreign key to contacts, see Migration20261127020000EventsWithoutContactLocks).
 */
export const ContactRedirect = defineEntity({
  name: 'ContactRedirect',
  tableName: 'contact_redirects',
  indexes: [{ properties: ['to'] }, { properties: ['createdAt'] }],
  properties: {
    from: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    to: p.uuid().nullable(),
    createdAt: p.datetime(),
  },
});
export type ContactRedirect = InferEntity<typeof ContactRedirect>;
