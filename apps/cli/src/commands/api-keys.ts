import {
  API_SCOPES,
  createApiKey,
  findWorkspaceBySlug,
  listApiKeys,
  revokeApiKey,
  type ApiScope,
} from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import { required, UsageError, type Command } from '../command.ts';

const CLI_ACTOR = { type: 'cli' as const, id: null, label: 'operator CLI' };

async function workspaceId(db: Database, slug: string): Promise<string> {
  const workspace = await findWorkspaceBySlug(db.fork(), slug);
  if (!workspace) throw new UsageError(`No workspace "${slug}"`);
  return workspace.id;
}

export const apiKeyCreate: Command = {
  name: 'api-key create',
  usage: `api-key create --workspace <slug> [--name <name>] [--scopes ${API_SCOPES.join(',')}]`,
  summary: 'Create an API key; the key alone is printed on the last line',
  options: { workspace: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' } },
  async run(values, { db, print }) {
    const scopes = (typeof values.scopes === 'string' ? values.scopes.split(',') : [...API_SCOPES]).map((s) =>
      s.trim(),
    );
    const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (unknown.length)
      throw new UsageError(`Unknown scope(s): ${unknown.join(', ')}. Known: ${API_SCOPES.join(', ')}`);
    const key = await createApiKey(db.fork(), {
      workspaceId: await workspaceId(db, required(values, 'workspace')),
      name: typeof values.name === 'string' ? values.name : 'CLI key',
      scopes: scopes as ApiScope[],
      actor: CLI_ACTOR,
    });
    print(
      `Created API key "${key.name}" (${key.id}) with scopes ${key.scopes.join(', ')}. It is shown only now:`,
    );
    print(key.key);
  },
};

export const apiKeyList: Command = {
  name: 'api-key list',
  usage: 'api-key list --workspace <slug>',
  summary: 'List API keys (prefix, scopes, last use, revoked)',
  options: { workspace: { type: 'string' } },
  async run(values, { db, print }) {
    const keys = await listApiKeys(db.fork(), await workspaceId(db, required(values, 'workspace')));
    if (!keys.length) print('No API keys.');
    for (const k of keys)
      print(
        [
          k.id,
          k.prefix + '…',
          k.name,
          k.scopes.join(','),
          `last used ${k.lastUsedAt?.toISOString() ?? 'never'}`,
          k.revokedAt ? 'REVOKED' : 'active',
        ].join('  '),
      );
  },
};

export const apiKeyRevoke: Command = {
  name: 'api-key revoke',
  usage: 'api-key revoke --workspace <slug> --id <key id>',
  summary: 'Revoke an API key at once',
  options: { workspace: { type: 'string' }, id: { type: 'string' } },
  async run(values, { db, print }) {
    const id = required(values, 'id');
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new UsageError('--id must be a key id as shown by `api-key list`');
    await revokeApiKey(db.fork(), await workspaceId(db, required(values, 'workspace')), id, CLI_ACTOR);
    print(`Revoked API key ${id}.`);
  },
};
