import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from './workspace.entity.ts';
import { User } from '../identity/user.entity.ts';
import { ROLES } from './roles.ts';

export const Invite = defineEntity({
  name: 'Invite',
  tableName: 'invites',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade').index(),
    email: p.string().length(320),
    role: p.enum([...ROLES]),
    /** SHA-256 of the emailed token; the token itself is never stored. */
    tokenHash: p.string().length(64).unique(),
    invitedBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type Invite = InferEntity<typeof Invite>;
