import { describe, expect, it } from 'vitest';
import { authenticateApiKey } from '@switchboard/accounts';
import { useTestDatabase } from '@switchboard/testkit';
import { runCli } from './cli.ts';

const database = await useTestDatabase();

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    async () => ({ db: database.db, print: (l) => out.push(l), close: async () => undefined }),
    (l) => err.push(l),
  );
  return { code, out, err: err.join('\n') };
}

describe('operator CLI', () => {
  it('creates a workspace and an API key whose last printed line is the working key', async () => {
    process.env.SWITCHBOARD_OWNER_PASSWORD = 'operator-password-1';
    const created = await cli(
      'workspace',
      'create',
      '--slug',
      'globex',
      '--name',
      'Globex',
      '--owner-email',
      'Hank@Globex.test',
    );
    expect(created.code).toBe(0);
    expect(created.out[0]).toContain('Created workspace "globex"');

    const key = await cli(
      'api-key',
      'create',
      '--workspace',
      'globex',
      '--name',
      'ETL',
      '--scopes',
      'events:write',
    );
    expect(key.code).toBe(0);
    const printed = key.out.at(-1)!;
    expect(printed).toMatch(/^sb_live_\S+$/);
    const principal = await authenticateApiKey(database.db.fork(), printed);
    expect(principal).toMatchObject({ name: 'ETL', scopes: ['events:write'], workspace: { slug: 'globex' } });

    const list = await cli('api-key', 'list', '--workspace', 'globex');
    expect(list.out.join('\n')).toContain('ETL');
    const id = list.out[0]!.split('  ')[0]!;
    expect((await cli('api-key', 'revoke', '--workspace', 'globex', '--id', id)).code).toBe(0);
    expect(await authenticateApiKey(database.db.fork(), printed)).toBeNull();
  });

  it('exits non-zero with a message naming the problem', async () => {
    const unknown = await cli('api-key', 'create', '--workspace', 'nope');
    expect(unknown.code).toBe(64);
    expect(unknown.err).toContain('No workspace "nope"');
    const missing = await cli('api-key', 'create');
    expect(missing.code).toBe(64);
    expect(missing.err).toContain('--workspace is required');
    const badFlag = await cli('api-key', 'create', '--workspace', 'globex', '--bogus');
    expect(badFlag.code).toBe(64);
    const badScope = await cli('api-key', 'create', '--workspace', 'globex', '--scopes', 'root');
    expect(badScope.err).toContain('Unknown scope(s): root');
    const duplicate = await cli(
      'workspace',
      'create',
      '--slug',
      'globex',
      '--name',
      'G',
      '--owner-email',
      'x@y.test',
    );
    expect(duplicate.code).toBe(65);
    expect(duplicate.err).toContain('slug: A workspace "globex" already exists');
    expect((await cli('frobnicate')).code).toBe(64);
  });

  it('migrates (idempotently) and seeds the demo once', async () => {
    expect((await cli('migrate')).out[0]).toBe('The database is up to date.');
    expect((await cli('seed-demo')).out[0]).toContain('Seeded "demo"');
    expect((await cli('seed-demo')).out[0]).toContain('already exists');
  });
});
