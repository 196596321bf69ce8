import { randomUUID } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Workspace = defineEntity({
  name: 'Workspace',
  tableName: 'workspaces',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    slug: p.string().length(63).unique(),
    name: p.string().length(200),
    /** Shown in every marketing email's footer (CAN-SPAM); later issues enforce it. */
    postalAddress: p.text().nullable(),
    defaultLocale: p.string().length(16).default('en'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Workspace = InferEntity<typeof Workspace>;
