import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';
import { Message, MESSAGE_CHANNELS } from './message.entity.ts';

/**
 * A message someone sent us: an email reply, an inbound SMS, a WeChat message. Linked to the contact and, when we can
 * tell, to the outbound message it answers; the provider's id makes a redelivered webhook a no-op.
 */
export const InboundMessage = defineEntity({
  name: 'InboundMessage',
  tableName: 'inbound_messages',
  uniques: [{ properties: ['workspace', 'channel', 'providerMessageId'] }],
  indexes: [{ properties: ['contact', 'receivedAt'] }, { properties: ['workspace', 'receivedAt'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().nullable().deleteRule('cascade'),
    channel: p.enum([...MESSAGE_CHANNELS]),
    fromAddress: p.string().length(254),
    toAddress: p.string().length(254).nullable(),
    subject: p.text().nullable(),
    body: p.text(),
    providerMessageId: p.string().length(250),
    inReplyTo: p.manyToOne(Message).mapToPk().nullable().deleteRule('set null'),
    /** What we did with it: an opt-out/opt-in/help keyword, or nothing (a conversation message). */
    keyword: p.string().length(16).nullable(),
    receivedAt: p.datetime(),
  },
});
export type InboundMessage = InferEntity<typeof InboundMessage>;
