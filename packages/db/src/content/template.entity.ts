import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from '../identity/user.entity.ts';
import { MESSAGE_CHANNELS } from '../messaging/message.entity.ts';

/** blocks: the drag-and-drop editor's document; mjml/html: raw source; text: SMS and WeChat bodies. */
export const TEMPLATE_FORMATS = ['blocks', 'mjml', 'html', 'text'] as const;

/**
 * A message template being edited. The draft is free to change; sending always uses a published version, which is
 * immutable, so a campaign sends exactly what was checked.
 */
export const Template = defineEntity({
  name: 'Template',
  tableName: 'templates',
  indexes: [{ properties: ['workspace', 'updatedAt'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    channel: p.enum([...MESSAGE_CHANNELS]),
    format: p.enum([...TEMPLATE_FORMATS]),
    draft: p.json<Record<string, unknown>>(),
    latestVersion: p.integer().default(0),
    archived: p.boolean().default(false),
    createdBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Template = InferEntity<typeof Template>;

/**
 * A published, immutable template version: the rendered content the send path reads (MJML already compiled to HTML,
 * plain text already converted), the draft it came from, and the warnings it was published with.
 */
export const TemplateVersion = defineEntity({
  name: 'TemplateVersion',
  tableName: 'template_versions',
  uniques: [{ properties: ['template', 'version'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    template: p.manyToOne(Template).mapToPk().deleteRule('cascade'),
    version: p.integer(),
    channel: p.enum([...MESSAGE_CHANNELS]),
    content: p.json<Record<string, unknown>>(),
    source: p.json<Record<string, unknown>>(),
    warnings: p.json<unknown[]>(),
    publishedBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    publishedAt: p.datetime(),
  },
});
export type TemplateVersion = InferEntity<typeof TemplateVersion>;

/** A block saved for reuse: dropping it into any template of the workspace inserts a copy. */
export const SavedBlock = defineEntity({
  name: 'SavedBlock',
  tableName: 'saved_blocks',
  uniques: [{ properties: ['workspace', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    block: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(),
  },
});
export type SavedBlock = InferEntity<typeof SavedBlock>;
