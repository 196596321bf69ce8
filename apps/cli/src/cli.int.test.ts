import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { authenticateApiKey } from '@switchboard/accounts';
import { temporalAddress, useTestDatabase } from '@switchboard/testkit';
import { startImportWorker } from '@switchboard/imports/testing';
import { runCli } from './cli.ts';

const database = await useTestDatabase();
const taskQueue = `cli-imports-${Math.random().toString(36).slice(2, 8)}`;
const worker = await startImportWorker({ db: database.db, taskQueue });
const connection = await Connection.connect({ address: temporalAddress() });
const client = new Client({ connection });
afterAll(async () => {
  await worker.stop();
  await connection.close();
});
const progressLines: string[] = [];

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    async () => ({
      db: database.db,
      print: (l) => out.push(l),
      progress: (l) => progressLines.push(l),
      temporal: async () => ({ client, taskQueue }),
      close: async () => undefined,
    }),
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
    const first = await cli('seed-demo');
    expect(first.out[0]).toContain('Seeded "demo"');
    expect(first.out.join('\n')).toMatch(/Added 5000 demo contacts and \d+ events/);
    expect(first.out.join('\n')).toMatch(/Added 16 companies, \d+ deals and 40 notes/);
    expect(first.out.join('\n')).toContain(
      'Added 6 scoring rules, lifecycle thresholds, assignment rules and 4 segments',
    );
    const again = await cli('seed-demo');
    expect(again.out).toEqual(['"demo" already exists.']);
    const knex = database.db.fork().getConnection().getKnex();
    const counts = (
      await knex.raw<{ rows: Record<string, string>[] }>(
        `select (select count(*) from consents where channel = 'email' and status = 'opted_in') as email_consents,
                (select count(*) from consent_changes where source = 'form') as form_proofs,
                (select count(*) from attribute_definitions) as fields,
                (select count(*) from contacts where lifecycle_stage in ('mql', 'sql', 'opportunity', 'customer') and owner_id is null) as unowned`,
      )
    ).rows[0]!;
    expect(Number(counts.email_consents)).toBeGreaterThan(2000);
    expect(Number(counts.form_proofs)).toBeGreaterThan(2000);
    expect(counts.fields).toBe('4');
    expect(counts.unowned).toBe('0');
  });

  it('imports a CSV through the import workflow, draws progress and writes the rejected rows beside the file', async () => {
    await cli(
      'workspace',
      'create',
      '--slug',
      'importers',
      '--name',
      'Importers',
      '--owner-email',
      'o@importers.test',
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-import-'));
    const file = path.join(dir, 'leads.csv');
    const rows = Array.from({ length: 12_000 }, (_, i) => `lead${i}@importers.test,Lead ${i}`);
    rows[41] = 'broken-email,Bad';
    writeFileSync(file, ['email,first name', ...rows].join('\n'));

    const result = await cli(
      'import',
      file,
      '--workspace',
      'importers',
      '--tags',
      'cli',
      '--consent',
      'email:opted_in:news',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out.join('\n')).toContain('11999 created, 0 updated, 0 duplicates merged, 1 rejected');
    expect(progressLines.at(-1)).toBe(`[${'#'.repeat(30)}] 100%  12,000 / 12,000 rows`);
    const report = readFileSync(path.join(dir, 'leads.rejected.csv'), 'utf8').trim().split('\r\n');
    expect(report).toEqual([
      'row,reason,email,first name',
      '43,"email: ""broken-email"" is not a valid email address",broken-email,Bad',
    ]);
  }, 90_000);

  it('refuses an import without a file or of a missing file, with the usage', async () => {
    expect((await cli('import', '--workspace', 'importers')).err).toContain('Missing argument');
    expect((await cli('import', '/nope.csv', '--workspace', 'importers')).err).toContain('No file /nope.csv');
  });
});
