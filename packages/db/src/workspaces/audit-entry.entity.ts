import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from './workspace.entity.ts';

export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_log',
  indexes: [{ properties: ['workspace', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    /** Who acted: a user id, an API key id, or the operator CLI. Kept as plain ids so history survives deletions. */
    actorType: p.enum(['user', 'api_key', 'cli']),
    actorId: p.string().length(64).nullable(),
    actorLabel: p.string().length(320),
    action: p.string().length(100),
    targetType: p.string().length(50).nullable(),
    targetId: p.string().length(64).nullable(),
    details: p.json<Record<string, unknown>>().default('{}'),
    ip: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntry>;
