import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, recordAudit, type Actor } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { isValidAttributeKey, type AttributeType } from '../traits/attribute-types.ts';
import { InputError } from '../inputs/request-inputs.ts';

/** The workspace's custom fields: name, label and type (types are fixed once data exists). */
export async function listAttributeDefinitions(em: EntityManager, workspaceId: string) {
  const rows = await sql<{ key: string; type: AttributeType; label: string; created_at: Date }>(
    em,
    'select key, type, label, created_at from attribute_definitions where workspace_id = ? order by key',
    [workspaceId],
  );
  return rows.map((r) => ({
    key: r.key,
    type: r.type,
    label: r.label,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function defineAttribute(
  em: EntityManager,
  workspaceId: string,
  input: { key: string; type: AttributeType; label: string },
  actor: Actor,
) {
  if (!isValidAttributeKey(input.key))
    throw new InputError({ key: 'start with a letter and use letters, digits and _ (at most 64)' });
  const inserted = await sql(
    em,
    `insert into attribute_definitions (id, workspace_id, key, type, label, created_at) values (?, ?, ?, ?, ?, now())
     on conflict (workspace_id, key) do nothing returning id`,
    [randomUUID(), workspaceId, input.key, input.type, input.label.trim() || input.key],
  );
  if (!inserted.length) throw conflict(`A field named "${input.key}" already exists`, 'key');
  recordAudit(em, { workspaceId, actor, action: 'attribute.defined', details: input });
  await em.flush();
}

/** Only the label changes: renaming a key or changing a type would orphan or invalidate stored values. */
export async function relabelAttribute(
  em: EntityManager,
  workspaceId: string,
  key: string,
  label: string,
  actor: Actor,
) {
  const updated = await sql(
    em,
    'update attribute_definitions set label = ? where workspace_id = ? and key = ? returning key',
    [label.trim() || key, workspaceId, key],
  );
  if (!updated.length) throw notFound('Field');
  recordAudit(em, { workspaceId, actor, action: 'attribute.relabelled', details: { key, label } });
  await em.flush();
}
