import { describe, expect, it } from 'vitest';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const other = await seedWorkspace(t.database.db, 'other');
const knex = t.database.db.fork().getConnection().getKnex();
// 2,500 contacts (more than one export page), a hostile name, and timestamps that differ only in microseconds.
await knex.raw(
  `insert into contacts (id, workspace_id, email, first_name, tags, attributes, created_at, updated_at)
   select gen_random_uuid(), ?, 'person' || g || '@example.com', case when g = 7 then '=HYPERLINK("http://evil.example","click")' else 'Person ' || g end,
          case when g % 2 = 0 then '{vip}'::text[] else '{}'::text[] end, jsonb_build_object('plan', 'pro'),
          timestamptz '2026-01-01 00:00:00' + (g || ' microseconds')::interval, now()
     from generate_series(1, 2500) g`,
  [acme.id],
);
await knex.raw(
  `insert into attribute_definitions (id, workspace_id, key, type, label, created_at) values (gen_random_uuid(), ?, 'plan', 'text', 'plan', now())`,
  [acme.id],
);
await knex.raw(
  `insert into contacts (id, workspace_id, email, created_at, updated_at) values (gen_random_uuid(), ?, 'secret@other.test', now(), now())`,
  [other.id],
);

const browser = new TestBrowser(t.app);
await browser.signIn(acme.users.analyst.email, TEST_PASSWORD);
const download = async (query = '') => {
  const res = await t.app.request(`/exports/contacts.csv${query}`, {
    headers: { cookie: `sb_session=${browser.cookie}` },
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('contact export', () => {
  it('streams every contact of the workspace once, spreadsheet-safe, with attribute columns', async () => {
    const csv = await download();
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'id,email,phone,wechat_id,external_id,first_name,last_name,lifecycle_stage,lead_score,tags,timezone,locale,do_not_contact,created_at,plan',
    );
    expect(lines).toHaveLength(2501);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(2500);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.text).not.toContain('secret@other.test');
  });

  it('exports a segment only, and refuses strangers', async () => {
    const admin = new TestBrowser(t.app);
    await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
    const segment = await admin.mutate<{ id: string }>('segments.create', {
      name: 'VIP',
      rules: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'has', value: 'vip' }] },
    });
    const csv = await download(`?segment=${segment.body.result!.data.id}`);
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1251);
    expect((await t.app.request('/exports/contacts.csv')).status).toBe(401);
    expect((await download('?segment=nope')).status).toBe(400);
    expect((await download(`?segment=${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('pages the contact list without repeating or skipping rows whose times differ by microseconds', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (
        await browser.query<{ items: { id: string }[]; nextCursor: string | null }>('contacts.list', {
          limit: 200,
          ...(cursor ? { cursor } : {}),
        })
      ).body.result!.data;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);
  });
});
