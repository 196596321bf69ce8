import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from './user.entity.ts';

/** Something a user should know about (a contact handed to them…), shown in the app until read. */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  indexes: [
    { properties: ['user', 'createdAt'] },
    // The few notifications still owed an email, found without reading the rest.
    {
      name: 'notifications_email_pending_index',
      expression: `create index "notifications_email_pending_index" on "notifications" ("id") where "email_status" = 'pending'`,
    },
  ],
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
    /** null: no email wanted; pending (an outbox entry: sent after commit, retried), sent, failed, skipped. */
    emailStatus: p.string().length(16).nullable(),
    emailAttempts: p.integer().default(0),
  },
});
export type Notification = InferEntity<typeof Notification>;
