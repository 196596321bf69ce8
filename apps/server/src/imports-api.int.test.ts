import { afterAll, describe, expect, it } from 'vitest';
import {
  BATCH_ROWS,
  createImport,
  createImportActivities,
  getImport,
  importBatch,
} from '@switchboard/imports';
import { startImportWorker } from '@switchboard/imports/testing';
import { sql } from '@switchboard/contacts';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const taskQueue = `imports-${Math.random().toString(36).slice(2, 8)}`;
const t = await useTestApp({ taskQueue });
const worker = await startImportWorker({ db: t.database.db, taskQueue });
afterAll(() => worker.stop());
const acme = await seedWorkspace(t.database.db, 'acme');
const admin = new TestBrowser(t.app);
await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
const created = await admin.mutate<{ key: string }>('apiKeys.create', {
  name: 'imports',
  scopes: ['imports:write', 'contacts:write', 'contacts:read'],
});
const key = created.body.result!.data.key;

interface ImportBody {
  import: {
    id: string;
    status: string;
    totalRows: number;
    processedRows: number;
    progress: number;
    counts: { created: number; updated: number; duplicates: number; rejected: number };
    mapping: Record<string, string>;
  };
  rejectedRows: { row: number; reason: string }[];
  rejectedReportUrl: string;
}

const upload = (csv: string | Uint8Array, query: Record<string, unknown> = {}, contentType = 'text/csv') =>
  t.app.request(
    `/api/v1/imports?${new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : JSON.stringify(v),
      ]),
    ).toString()}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
      body: csv,
    },
  );
const get = (path: string) =>
  t.app.request(`/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });

async function finished(id: string): Promise<ImportBody> {
  for (let i = 0; i < 200; i++) {
    const body = (await (await get(`/imports/${id}`)).json()) as ImportBody;
    if (body.import.status === 'completed' || body.import.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

const db = () => t.database.db.fork();

describe('CSV import through the REST API and the import workflow', () => {
  it('imports, merges duplicates, updates existing contacts, records consent and list, and reports bad rows', async () => {
    const existing = await t.app.request('/api/v1/identify', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'old@acme.test', firstName: 'Old', attributes: { plan: 'free' } }),
    });
    expect(existing.status).toBe(201);

    const csv = [
      'E-Mail;Mobile;First Name;Plan;Seats',
      'ann@acme.test;+4915112345678;Ann;pro;3',
      'not-an-email;;Bob;pro;2',
      'ANN@acme.test;;Annie;;',
      'old@acme.test;;Olivia;team;10',
      'cy@acme.test;;"Cy; ""the"" Third";pro;many',
      ';;Nobody;pro;1',
      'dee@acme.test;0151 98765432;Dee;pro;1',
      'short@acme.test;x',
    ].join('\r\n');
    const res = await upload(csv, {
      fileName: 'fair.csv',
      mapping: { Seats: 'attribute:seats:number' },
      options: {
        defaultCountry: 'DE',
        tags: ['fair-2026'],
        list: 'Fair visitors',
        consent: { channel: 'email', status: 'opted_in', wordingVersion: 'fair-form-v2' },
      },
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as ImportBody;
    expect(accepted.import.totalRows).toBe(8);
    expect(accepted.import.mapping).toEqual({
      'E-Mail': 'email',
      Mobile: 'phone',
      'First Name': 'firstName',
      Plan: 'attribute:plan',
      Seats: 'attribute:seats:number',
    });

    const done = await finished(accepted.import.id);
    expect(done.import.status).toBe('completed');
    expect(done.import.progress).toBe(1);
    expect(done.import.counts).toEqual({ created: 2, updated: 1, duplicates: 1, rejected: 4 });
    expect(done.rejectedRows).toEqual([
      { row: 3, reason: 'E-Mail: "not-an-email" is not a valid email address' },
      { row: 6, reason: 'Seats: must be a number (seats is a number attribute)' },
      { row: 7, reason: 'no email, phone, WeChat id or external id to match or create the contact by' },
      { row: 9, reason: 'the row has 2 cells but the header has 5' },
    ]);

    const contacts = await sql<{
      email: string;
      phone: string | null;
      first_name: string;
      attributes: object;
      tags: string[];
    }>(
      db(),
      `select email, phone, first_name, attributes, tags from contacts where workspace_id = ? order by email`,
      [acme.id],
    );
    expect(contacts).toEqual([
      {
        email: 'ann@acme.test',
        phone: '+4915112345678',
        first_name: 'Annie',
        attributes: { plan: 'pro', seats: 3 },
        tags: ['fair-2026'],
      },
      {
        email: 'dee@acme.test',
        phone: '+4915198765432',
        first_name: 'Dee',
        attributes: { plan: 'pro', seats: 1 },
        tags: ['fair-2026'],
      },
      {
        email: 'old@acme.test',
        phone: null,
        first_name: 'Olivia',
        attributes: { plan: 'team', seats: 10 },
        tags: ['fair-2026'],
      },
    ]);

    const consent = await sql<{ n: string; proof: { importId: string; wordingVersion: string } }>(
      db(),
      `select count(*) over () as n, proof from consent_changes where workspace_id = ? and source = 'import' limit 1`,
      [acme.id],
    );
    expect(consent[0]).toEqual({
      n: '3',
      proof: { importId: accepted.import.id, wordingVersion: 'fair-form-v2' },
    });
    const members = await sql<{ n: string }>(
      db(),
      `select count(*) as n from segment_members m join segments s on s.id = m.segment_id
       where s.name = 'Fair visitors' and s.kind = 'static'`,
    );
    expect(members[0]!.n).toBe('3');

    const report = await get(`/imports/${accepted.import.id}/rejected.csv`);
    expect(report.status).toBe(200);
    const lines = (await report.text()).trim().split('\r\n');
    expect(lines[0]).toBe('row,reason,E-Mail,Mobile,First Name,Plan,Seats');
    expect(lines[2]).toBe(
      '6,Seats: must be a number (seats is a number attribute),cy@acme.test,,"Cy; ""the"" Third",pro,many',
    );
    expect(lines).toHaveLength(5);
  }, 60_000);

  it('remembers the mapping for the next file with the same columns', async () => {
    const res = await upload('seats,email\n4,eve@acme.test\n');
    const body = (await res.json()) as ImportBody;
    expect(body.import.mapping).toEqual({ seats: 'attribute:seats:number', email: 'email' });
    expect((await finished(body.import.id)).import.counts.created).toBe(1);
  }, 30_000);

  it('refuses bad uploads with a 4xx naming the problem, leaving nothing behind', async () => {
    const before = await sql<{ n: string }>(db(), 'select count(*) as n from imports');
    const cases: [Response, number, string][] = [
      [await upload('email\na@b.de', {}, 'application/json'), 415, 'Content-Type: text/csv'],
      [await upload('email\na@b.de', { mapping: { Mail: 'email' } }), 400, 'mapping.Mail'],
      [await upload('email\na@b.de', { mapping: { email: 'emial' } }), 400, 'mapping.email'],
      [await upload('email\na@b.de', { mapping: '[1]' }), 400, 'mapping'],
      [await upload('name\nAnn', {}), 400, 'Map at least one column'],
      [
        await upload('email\na@b.de', { options: { consent: { channel: 'fax' } } }),
        400,
        'options.consent.channel',
      ],
      [await upload('email,name\n"a@b.de,Ann\n'), 400, 'never closed'],
      [await upload('email\n'), 400, 'no rows'],
      [await upload(new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe4, 0xf6, 0x0a])), 400, 'UTF-8'],
    ];
    for (const [res, status, text] of cases) {
      expect(res.status, text).toBe(status);
      expect(await res.text()).toContain(text);
    }
    const unauthenticated = await t.app.request('/api/v1/imports', { method: 'POST', body: 'email\na@b.de' });
    expect(unauthenticated.status).toBe(401);
    const after = await sql<{ n: string }>(db(), 'select count(*) as n from imports');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('imports a batch once even when its activity runs again (a retry after a crash)', async () => {
    const stored = await createImport(db(), {
      workspaceId: acme.id,
      fileName: 'retry.csv',
      csv: (async function* () {
        yield 'email\nretry1@acme.test\nretry2@acme.test\n';
      })(),
      actor: { type: 'cli', id: null, label: 'test' },
    });
    expect(await importBatch(db(), stored.id, 0)).toMatchObject({ created: 2, alreadyDone: false });
    expect(await importBatch(db(), stored.id, 0)).toMatchObject({ created: 0, alreadyDone: true });
    const view = await getImport(db(), acme.id, stored.id);
    expect(view).toMatchObject({ processedRows: 2, counts: { created: 2, updated: 0, rejected: 0 } });
  });

  it('counts a person repeated in a later batch as a duplicate, not as an update', async () => {
    const identified = await t.app.request('/api/v1/identify', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'before@acme.test', firstName: 'Before' }),
    });
    expect(identified.status).toBe(201);
    const firstBatch = [
      'before@acme.test',
      ...Array.from({ length: BATCH_ROWS - 1 }, (_, i) => `bulk${i}@acme.test`),
    ];
    const secondBatch = ['BULK0@acme.test', 'before@acme.test', 'fresh@acme.test'];
    const stored = await createImport(db(), {
      workspaceId: acme.id,
      fileName: 'two-batches.csv',
      csv: (async function* () {
        yield ['email', ...firstBatch, ...secondBatch].join('\n');
      })(),
      actor: { type: 'cli', id: null, label: 'test' },
    });
    expect(stored.batchCount).toBe(2);
    await importBatch(db(), stored.id, 0);
    await importBatch(db(), stored.id, 1);
    const view = await getImport(db(), acme.id, stored.id);
    expect(view?.counts).toEqual({ created: BATCH_ROWS, updated: 1, duplicates: 2, rejected: 0 });
    await createImportActivities({ db: t.database.db }).finishContactImport({ importId: stored.id });
    const left = await sql(db(), 'select 1 from import_contacts where import_id = ?', [stored.id]);
    expect(left).toHaveLength(0);
  });

  it('imports a range of batches, mapping each next one while the last is written, as batch by batch would', async () => {
    await t.app.request('/api/v1/identify', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'known@acme.test', firstName: 'Known' }),
    });
    const rows = (from: number, name: string) =>
      Array.from({ length: BATCH_ROWS }, (_, i) => `range${from + i}@acme.test,${name}`);
    // Batch 0: new people and someone known; batch 1: half of batch 0 again under a later name, the known person
    // again, and new people; batch 2: a few more, one of them a third time.
    const lines = [
      'email,first_name',
      'known@acme.test,First',
      ...rows(0, 'Early').slice(1),
      ...rows(0, 'Late').slice(0, BATCH_ROWS / 2),
      'known@acme.test,Second',
      ...rows(BATCH_ROWS, 'New').slice(0, BATCH_ROWS / 2 - 1),
      'range1@acme.test,Third',
      'range999999@acme.test,Last',
    ];
    const stored = await createImport(db(), {
      workspaceId: acme.id,
      fileName: 'range.csv',
      csv: (async function* () {
        yield lines.join('\n');
      })(),
      actor: { type: 'cli', id: null, label: 'test' },
    });
    expect(stored.batchCount).toBe(3);
    const activities = createImportActivities({ db: t.database.db });
    const result = await activities.importContactBatches({ importId: stored.id, from: 0, to: 3 });
    // range1…range4999, range0, range5000…range7498, range999999
    const created = BATCH_ROWS - 1 + 1 + (BATCH_ROWS / 2 - 1) + 1;
    // range1…range2499 and the known person in batch 1, range1 in batch 2
    const duplicates = BATCH_ROWS / 2 - 1 + 1 + 1;
    expect(result).toMatchObject({ rows: lines.length - 1, created, updated: 1, duplicates, rejected: 0 });
    const view = await getImport(db(), acme.id, stored.id);
    expect(view?.counts).toEqual({ created, updated: 1, duplicates, rejected: 0 });
    // The later row of a person wins; created people carry the import, the known one does not.
    const people = await sql<{ email: string; first_name: string; import_id: string | null }>(
      db(),
      `select email, first_name, import_id from contacts where workspace_id = ? and email = any(?::text[])`,
      [acme.id, ['known@acme.test', 'range1@acme.test', 'range2@acme.test', 'range3000@acme.test']],
    );
    const byEmail = Object.fromEntries(people.map((p) => [p.email, p]));
    expect(byEmail['known@acme.test']).toMatchObject({ first_name: 'Second', import_id: null });
    expect(byEmail['range1@acme.test']).toMatchObject({ first_name: 'Third', import_id: stored.id });
    expect(byEmail['range2@acme.test']!.first_name).toBe('Late');
    expect(byEmail['range3000@acme.test']!.first_name).toBe('Early');
    // Run again (a retried activity): every batch is done, nothing is written twice.
    expect(await activities.importContactBatches({ importId: stored.id, from: 0, to: 3 })).toMatchObject({
      rows: 0,
      created: 0,
      alreadyDone: true,
    });
    expect((await getImport(db(), acme.id, stored.id))?.counts).toEqual(view?.counts);
  });
});

describe('an import whose workflow never started', () => {
  it('is started by the sweep (the server stopped between storing the file and starting the workflow)', async () => {
    const stored = await createImport(db(), {
      workspaceId: acme.id,
      fileName: 'orphan.csv',
      csv: (async function* () {
        yield 'email\norphan@acme.test\n';
      })(),
      actor: { type: 'cli', id: null, label: 'test' },
    });
    const sweep = createImportActivities({ db: t.database.db, temporal: { client: t.temporal, taskQueue } });
    expect(await sweep.resumeStalledImports({ olderThanSeconds: 3600 })).toBe(0);
    expect(await sweep.resumeStalledImports({ olderThanSeconds: 0 })).toBeGreaterThanOrEqual(1);
    const done = await finished(stored.id);
    expect(done.import).toMatchObject({ status: 'completed', counts: { created: 1 } });
  }, 30_000);
});
