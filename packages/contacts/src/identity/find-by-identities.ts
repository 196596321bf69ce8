import type { EntityManager } from '@switchboard/db';
import { sql } from '../sql.ts';
import { IDENTITY_COLUMNS, type ContactRow } from '../profile/contact-row.ts';
import { IDENTITY_KINDS, type Identities } from './identities.ts';

/** Every contact of the workspace that holds any of these identities, oldest first, optionally row-locked. */
export async function findByIdentities(
  em: EntityManager,
  workspaceId: string,
  identities: Identities,
  options: { lock?: boolean } = {},
): Promise<ContactRow[]> {
  const clauses: string[] = [];
  const params: unknown[] = [workspaceId];
  for (const kind of IDENTITY_KINDS) {
    const value = identities[kind];
    if (value === undefined) continue;
    clauses.push(`${IDENTITY_COLUMNS[kind]} = ?`);
    params.push(value);
  }
  if (clauses.length === 0) return [];
  return sql<ContactRow>(
    em,
    `select * from contacts where workspace_id = ? and (${clauses.join(' or ')}) order by created_at, id${options.lock ? ' for update' : ''}`,
    params,
  );
}
