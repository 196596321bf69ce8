import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** Stored lower-cased; unique across the installation, a person can belong to several workspaces. */
    email: p.string().length(320).unique(),
    name: p.string().length(200),
    passwordHash: p.text().hidden(),
    locale: p.string().length(16).default('en'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
