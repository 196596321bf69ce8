import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from './workspace.entity.ts';
import { User } from '../identity/user.entity.ts';

export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade').index(),
    name: p.string().length(200),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: p.string().length(32),
    /** SHA-256 of the whole key: keys are long random strings, so a fast hash is safe and keeps auth cheap. */
    keyHash: p.string().length(64).unique(),
    scopes: p.array(),
    createdBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;
