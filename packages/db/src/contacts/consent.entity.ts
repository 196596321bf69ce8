import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { Contact } from './contact.entity.ts';

export const CONSENT_CHANNELS = ['email', 'sms', 'wechat'] as const;
export const CONSENT_STATUSES = ['opted_in', 'opted_out', 'pending'] as const;

/** The current consent of one contact for one channel and topic ('' = the whole channel). */
export const Consent = defineEntity({
  name: 'Consent',
  tableName: 'consents',
  primaryKeys: ['contact', 'channel', 'topic'],
  indexes: [{ properties: ['workspace', 'channel', 'topic', 'status'] }],
  properties: {
    contact: p.manyToOne(Contact).mapToPk().primary().deleteRule('cascade'),
    channel: p.enum([...CONSENT_CHANNELS]).primary(),
    topic: p.string().length(100).primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    status: p.enum([...CONSENT_STATUSES]),
    updatedAt: p.datetime(),
  },
});
export type Consent = InferEntity<typeof Consent>;

/** Every consent change with its source and proof (IP, form, import, wording version): the audit trail regulators ask for. */
export const ConsentChange = defineEntity({
  name: 'ConsentChange',
  tableName: 'consent_changes',
  indexes: [{ properties: ['contact', 'occurredAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().deleteRule('cascade'),
    channel: p.enum([...CONSENT_CHANNELS]),
    topic: p.string().length(100),
    status: p.enum([...CONSENT_STATUSES]),
    source: p.string().length(32),
    proof: p.json<Record<string, unknown>>().default('{}'),
    occurredAt: p.datetime(),
  },
});
export type ConsentChange = InferEntity<typeof ConsentChange>;
