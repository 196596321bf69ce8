import { randomUUID } from 'node:crypto';
import { ApiKey, type EntityManager } from '@switchboard/db';
import { notFound, validationError } from './errors.ts';
import { randomToken, sha256Hex } from './secrets.ts';
import { recordAudit, type Actor } from './audit-log.ts';
import { noteApiKeyRevoked } from './api-key-cache.ts';
import type { ApiScope } from './api-scopes.ts';

export { API_SCOPES, type ApiScope } from './api-scopes.ts';

const KEY_PREFIX = 'sb_live_';

export async function createApiKey(
  em: EntityManager,
  input: { workspaceId: string; name: string; scopes: ApiScope[]; actor: Actor },
) {
  const name = input.name.trim();
  if (!name) throw validationError('name', 'Name the key after what will use it, e.g. "CRM sync"');
  if (input.scopes.length === 0) throw validationError('scopes', 'Pick at least one scope');
  const key = KEY_PREFIX + randomToken(32);
  const record = em.create(ApiKey, {
    id: randomUUID(),
    workspace: input.workspaceId,
    name,
    prefix: key.slice(0, KEY_PREFIX.length + 6),
    keyHash: sha256Hex(key),
    scopes: [...new Set(input.scopes)],
    createdBy: input.actor.type === 'user' ? input.actor.id : null,
  });
  recordAudit(em, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: 'api_key.created',
    target: { type: 'api_key', id: record.id },
    details: { name, scopes: record.scopes },
  });
  await em.flush();
  // The full key is returned exactly once; only its hash is stored.
  return { id: record.id, name, prefix: record.prefix, scopes: record.scopes, key };
}

export async function listApiKeys(em: EntityManager, workspaceId: string) {
  const keys = await em.find(ApiKey, { workspace: workspaceId }, { orderBy: { createdAt: 'desc' } });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }));
}

export async function revokeApiKey(em: EntityManager, workspaceId: string, keyId: string, actor: Actor) {
  const key = await em.findOne(ApiKey, { id: keyId, workspace: workspaceId });
  if (!key) throw notFound('API key');
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    recordAudit(em, {
      workspaceId,
      actor,
      action: 'api_key.revoked',
      target: { type: 'api_key', id: keyId },
    });
    await em.flush();
  }
  noteApiKeyRevoked();
}

export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  scopes: string[];
  workspace: { id: string; slug: string; name: string };
}

/** Resolves a bearer token; null for unknown or revoked keys. Marks use at most once a minute. */
export async function authenticateApiKey(em: EntityManager, bearer: string): Promise<ApiKeyPrincipal | null> {
  if (!bearer.startsWith(KEY_PREFIX) || bearer.length > 100) return null;
  // Every API request runs this, so it is one indexed query rather than two ORM lookups.
  const [row] = await em.getConnection().execute<
    {
      id: string;
      name: string;
      scopes: string[];
      last_used_at: Date | null;
      workspace_id: string;
      slug: string;
      workspace_name: string;
    }[]
  >(
    `select k.id, k.name, k.scopes, k.last_used_at, w.id as workspace_id, w.slug, w.name as workspace_name
       from api_keys k join workspaces w on w.id = k.workspace_id
      where k.key_hash = ? and k.revoked_at is null`,
    [sha256Hex(bearer)],
  );
  if (!row) return null;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await em.nativeUpdate(ApiKey, { id: row.id }, { lastUsedAt: now });
  }
  return {
    keyId: row.id,
    name: row.name,
    scopes: row.scopes,
    workspace: { id: row.workspace_id, slug: row.slug, name: row.workspace_name },
  };
}
