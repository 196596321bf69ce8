import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, validationError } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { sectionSchema, type Section } from '../blocks/block-document.ts';

/** Reusable sections (a header, a footer, a product row) shared by every template of the workspace. */
export async function listSavedBlocks(em: EntityManager, workspaceId: string) {
  const rows = await sql<{ id: string; name: string; block: Section }>(
    em,
    'select id, name, block from saved_blocks where workspace_id = ? order by name',
    [workspaceId],
  );
  return rows;
}

export async function saveBlock(
  em: EntityManager,
  workspaceId: string,
  input: { name: string; block: unknown },
) {
  const parsed = sectionSchema.safeParse(input.block);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw validationError(['block', ...issue.path].join('.'), issue.message);
  }
  const block = parsed.data;
  const id = randomUUID();
  const inserted = await sql<{ id: string }>(
    em,
    `insert into saved_blocks (id, workspace_id, name, block, created_at) values (?, ?, ?, ?::jsonb, now())
     on conflict (workspace_id, name) do nothing returning id`,
    [id, workspaceId, input.name.trim(), JSON.stringify(block)],
  );
  if (!inserted[0]) throw conflict(`A saved block is already called "${input.name.trim()}"`, 'name');
  return { id, name: input.name.trim(), block };
}

export async function deleteSavedBlock(em: EntityManager, workspaceId: string, id: string) {
  const deleted = await sql<{ id: string }>(
    em,
    'delete from saved_blocks where workspace_id = ? and id = ? returning id',
    [workspaceId, id],
  );
  if (!deleted[0]) throw notFound('Saved block');
}
