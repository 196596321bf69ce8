import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { recordAudit, type Actor } from '@switchboard/accounts';
import { InputError, sql } from '@switchboard/contacts';

/** The static list with this name, created if there is none; a dynamic segment of that name is refused. */
export async function findOrCreateStaticList(
  em: EntityManager,
  workspaceId: string,
  name: string,
  actor: Actor,
  field = 'list',
): Promise<string> {
  const [existing] = await sql<{ id: string; kind: string }>(
    em,
    'select id, kind from segments where workspace_id = ? and name = ?',
    [workspaceId, name],
  );
  if (existing) {
    if (existing.kind !== 'static')
      throw new InputError({ [field]: `"${name}" is a dynamic segment; pick a list name` });
    return existing.id;
  }
  const id = randomUUID();
  await sql(
    em,
    `insert into segments (id, workspace_id, name, description, kind, rules, created_by_id, created_at, updated_at)
     values (?, ?, ?, ?, 'static', '{"kind":"group","match":"all","conditions":[]}', ?, now(), now())`,
    [
      id,
      workspaceId,
      name,
      'A static list: members are added by import or bulk action',
      actor.type === 'user' ? actor.id : null,
    ],
  );
  recordAudit(em, {
    workspaceId,
    actor,
    action: 'segment.created',
    target: { type: 'segment', id },
    details: { name, kind: 'static' },
  });
  return id;
}

/** Adds every contact matching `where` (over `contacts`) to a static list; returns how many joined. */
export async function addToStaticList(
  em: EntityManager,
  workspaceId: string,
  listId: string,
  filter: { where: string; params: unknown[] },
): Promise<number> {
  const rows = await sql(
    em,
    `insert into segment_members (segment_id, contact_id, workspace_id, entered_at)
     select ?, id, ?, now() from contacts where ${filter.where} on conflict do nothing returning contact_id`,
    [listId, workspaceId, ...filter.params],
  );
  return rows.length;
}
