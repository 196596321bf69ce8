import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from './user.entity.ts';

/** Something a user should know about (a contact handed to them…), shown in the app until read. */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  indexes: [{ properties: ['user', 'createdAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    user: p.manyToOne(User).mapToPk().deleteRule('cascade'),
    kind: p.string().length(64),
    title: p.string().length(500),
    body: p.text(),
    link: p.string().length(500).nullable(),
    createdAt: p.datetime(),
    readAt: p.datetime().nullable(),
  },
});
export type Notification = InferEntity<typeof Notification>;
