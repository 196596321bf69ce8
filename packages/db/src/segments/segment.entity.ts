import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';
import { User } from '../identity/user.entity.ts';

export const SEGMENT_KINDS = ['dynamic', 'static'] as const;

/** A saved audience: its rule tree (see @switchboard/segments) is compiled to SQL whenever it is counted or used. */
export const Segment = defineEntity({
  name: 'Segment',
  tableName: 'segments',
  uniques: [{ properties: ['workspace', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    name: p.string().length(200),
    description: p.text().nullable(),
    /** dynamic: membership follows the rules; static: a list whose members are added explicitly (e.g. from CSV). */
    kind: p.enum([...SEGMENT_KINDS]).default('dynamic'),
    rules: p.json<Record<string, unknown>>(),
    createdBy: p.manyToOne(User).mapToPk().nullable().deleteRule('set null'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    /** When membership was last recomputed in full; behind updatedAt means the rules changed since. */
    membersRefreshedAt: p.datetime().nullable(),
  },
});
export type Segment = InferEntity<typeof Segment>;
