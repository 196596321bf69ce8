import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '../sql.ts';
import { IDENTITY_KINDS, type Identities } from '../identity/identities.ts';
import { suppressionHash } from './suppression-hash.ts';

/** Whether any of these normalised identities was suppressed (erased, unsubscribed, bounced, complained). */
export async function isSuppressed(
  em: EntityManager,
  workspaceId: string,
  identities: Identities,
): Promise<boolean> {
  const hashes = IDENTITY_KINDS.flatMap((k) =>
    identities[k] === undefined ? [] : [suppressionHash(k, identities[k])],
  );
  if (hashes.length === 0) return false;
  const rows = await sql(
    em,
    `select 1 from suppressions where workspace_id = ? and value_hash = any(${TEXT_LIST}) limit 1`,
    [workspaceId, list(hashes)],
  );
  return rows.length > 0;
}

/**
 * Adds a reason to the address's suppressions. Reasons accumulate (one row each): an earlier unsubscribe never hides
 * a later bounce, complaint or erasure, and re-subscribing removes only the unsubscribe.
 */
export async function suppress(
  em: EntityManager,
  workspaceId: string,
  identities: Identities,
  reason: 'erasure' | 'unsubscribe' | 'bounce' | 'complaint',
): Promise<void> {
  for (const kind of IDENTITY_KINDS) {
    const value = identities[kind];
    if (value === undefined) continue;
    await sql(
      em,
      `insert into suppressions (id, workspace_id, identity_kind, value_hash, reason, created_at)
       values (?, ?, ?, ?, ?, now()) on conflict (workspace_id, value_hash, reason) do nothing`,
      [randomUUID(), workspaceId, kind, suppressionHash(kind, value), reason],
    );
  }
}
