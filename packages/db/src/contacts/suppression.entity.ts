import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/**
 * Addresses that must never be messaged again. Stored as SHA-256 of the normalised identity so an erased person's
 * address is not kept, yet a later import or identify of the same address is recognised.
 */
export const Suppression = defineEntity({
  name: 'Suppression',
  tableName: 'suppressions',
  // One row per address and reason: reasons accumulate, none hides another.
  uniques: [{ properties: ['workspace', 'valueHash', 'reason'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    identityKind: p.enum(['email', 'phone', 'wechatId', 'externalId']),
    valueHash: p.string().length(64),
    reason: p.enum(['erasure', 'unsubscribe', 'bounce', 'complaint']),
    createdAt: p.datetime(),
  },
});
export type Suppression = InferEntity<typeof Suppression>;
