import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

export const ATTRIBUTE_TYPE_VALUES = ['text', 'number', 'boolean', 'date', 'list'] as const;

export const AttributeDefinition = defineEntity({
  name: 'AttributeDefinition',
  tableName: 'attribute_definitions',
  uniques: [{ properties: ['workspace', 'key'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    key: p.string().length(64),
    type: p.enum([...ATTRIBUTE_TYPE_VALUES]),
    label: p.string().length(200),
    createdAt: p.datetime(),
  },
});
export type AttributeDefinition = InferEntity<typeof AttributeDefinition>;
