import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from '../identity/user.entity.ts';
import { Contact } from '../contacts/contact.entity.ts';
import { Company } from './company.entity.ts';

export const DEAL_STAGES = ['qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;

/** A sales opportunity with its value, stage, dates and owner, linked to contacts (and a company). */
export const Deal = defineEntity({
  name: 'Deal',
  tableName: 'deals',
  indexes: [{ properties: ['workspace', 'stage'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    amount: p.decimal('number').precision(14).scale(2),
    currency: p.string().length(3),
    stage: p.enum([...DEAL_STAGES]),
    expectedCloseDate: p.date().nullable(),
    actualCloseDate: p.date().nullable(),
    owner: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    company: p.manyToOne(Company).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Deal = InferEntity<typeof Deal>;

export const DealContact = defineEntity({
  name: 'DealContact',
  tableName: 'deal_contacts',
  primaryKeys: ['deal', 'contact'],
  indexes: [{ properties: ['contact'] }],
  properties: {
    deal: p.manyToOne(Deal).mapToPk().primary().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().primary().deleteRule('cascade'),
  },
});
export type DealContact = InferEntity<typeof DealContact>;

/** A free-text note on a contact, by a workspace member. Erasure deletes them with the contact. */
export const Note = defineEntity({
  name: 'Note',
  tableName: 'notes',
  indexes: [{ properties: ['contact', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    contact: p.manyToOne(Contact).mapToPk().deleteRule('cascade'),
    author: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    body: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Note = InferEntity<typeof Note>;
