import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/**
 * A subscription topic people can opt in to or out of (newsletter, product updates…), with the wording shown to
 * them. Consent records name topics by key; topics used by consents but not defined here still work.
 */
export const SubscriptionTopic = defineEntity({
  name: 'SubscriptionTopic',
  tableName: 'subscription_topics',
  uniques: [{ properties: ['workspace', 'key'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    key: p.string().length(100),
    label: p.string().length(200),
    description: p.text().nullable(),
    channels: p.json<string[]>(),
    createdAt: p.datetime(),
  },
});
export type SubscriptionTopic = InferEntity<typeof SubscriptionTopic>;
