import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/** An organisation contacts work for; the domain (if known) is unique per workspace. */
export const Company = defineEntity({
  name: 'Company',
  tableName: 'companies',
  uniques: [{ properties: ['workspace', 'domain'] }],
  indexes: [{ properties: ['workspace', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    domain: p.string().length(253).nullable(),
    attributes: p.json<Record<string, unknown>>().default('{}'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Company = InferEntity<typeof Company>;
