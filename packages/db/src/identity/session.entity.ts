import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity.ts';
import { Workspace } from '../workspaces/workspace.entity.ts';

export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    /** SHA-256 of the cookie token, so a database leak does not hand out live sessions. */
    id: p.string().length(64).primary(),
    user: p.manyToOne(User).mapToPk().deleteRule('cascade').index(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    csrfToken: p.string().length(64),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(400).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
  },
});
export type Session = InferEntity<typeof Session>;
