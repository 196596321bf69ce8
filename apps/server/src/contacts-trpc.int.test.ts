import { describe, expect, it } from 'vitest';
import { seedDemoAudience } from '@switchboard/contacts';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const seeded = await seedDemoAudience(t.database.db.fork(), acme.id, 300);
const marketer = new TestBrowser(t.app);
await marketer.signIn(acme.users.marketer.email, TEST_PASSWORD);

interface Page {
  items: { id: string; email: string; firstName: string; lifecycleStage: string; tags: string[] }[];
  nextCursor: string | null;
  total: number | null;
}

describe('contacts in the web app', () => {
  it('seeds the demo audience once', async () => {
    expect(seeded.contacts).toBe(300);
    expect(seeded.events).toBeGreaterThan(1000);
    expect(await seedDemoAudience(t.database.db.fork(), acme.id, 300)).toEqual({ contacts: 0, events: 0 });
  });

  it('pages through every contact exactly once, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let total: number | null = null;
    do {
      const res = await marketer.query<Page>('contacts.list', { limit: 70, ...(cursor ? { cursor } : {}) });
      const page = res.body.result!.data;
      total ??= page.total;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(total).toBe(300);
    expect(new Set(seen).size).toBe(300);
  });

  it('searches names, emails and phones, and filters by stage and tag', async () => {
    const all = (await marketer.query<Page>('contacts.list', { limit: 200 })).body.result!.data.items;
    const someone = all[17]!;
    const byEmail = (
      await marketer.query<Page>('contacts.list', { search: someone.email.slice(0, 12).toUpperCase() })
    ).body.result!.data;
    expect(byEmail.items.map((c) => c.id)).toContain(someone.id);
    const customers = (
      await marketer.query<Page>('contacts.list', { lifecycleStage: 'customer', limit: 200 })
    ).body.result!.data;
    expect(customers.items.length).toBeGreaterThan(0);
    expect(customers.items.every((c) => c.lifecycleStage === 'customer')).toBe(true);
    const vip = (await marketer.query<Page>('contacts.list', { tag: 'vip', limit: 200 })).body.result!.data;
    expect(vip.items.every((c) => c.tags.includes('vip'))).toBe(true);
    const wildcard = (await marketer.query<Page>('contacts.list', { search: '%' })).body.result!.data;
    expect(wildcard.total).toBe(0);
  });

  it('finds a full name in either order, with or without a space (Chinese names as they are written)', async () => {
    type Named = Page['items'][number] & { lastName: string | null };
    const all = (await marketer.query<{ items: Named[] }>('contacts.list', { limit: 200 })).body.result!.data
      .items;
    const cjk = /[\u3400-\u9fff]/;
    const chinese = all.find((c) => cjk.test(c.firstName ?? '') && cjk.test(c.lastName ?? ''))!;
    const western = all.find(
      (c) => /^[A-Za-z]+$/.test(c.firstName ?? '') && /^[A-Za-z]+$/.test(c.lastName ?? ''),
    )!;
    expect(chinese, 'the demo audience has Chinese names').toBeDefined();
    const search = async (text: string) =>
      (await marketer.query<{ items: Named[]; total: number }>('contacts.list', { search: text, limit: 200 }))
        .body.result!.data;
    for (const person of [chinese, western]) {
      const given = person.firstName;
      const family = person.lastName!;
      const everyoneOfTheFamily = await search(family);
      for (const typed of [
        `${family}${given}`,
        `${family} ${given}`,
        `${given}  ${family}`,
        `${given}${family}`,
      ]) {
        const found = await search(typed);
        expect(
          found.items.map((c) => c.id),
          typed,
        ).toContain(person.id);
        // The full name narrows the search: not everyone sharing the family name.
        expect(found.total, typed).toBeLessThanOrEqual(everyoneOfTheFamily.total);
      }
    }
  });

  it('finds a Chinese name by its pinyin, typed any way people type it', async () => {
    const knex = t.database.db.fork().getConnection().getKnex();
    const person = async (family: string, given: string) => {
      const [row] = (
        await knex.raw<{ rows: { id: string }[] }>(
          `insert into contacts (id, workspace_id, first_name, last_name, attributes, tags, created_at, updated_at)
           values (gen_random_uuid(), ?, ?, ?, '{}'::jsonb, '{}', now(), now()) returning id`,
          [acme.id, given, family],
        )
      ).rows;
      return row!.id;
    };
    const wangFang = await person('王', '芳');
    const lvBo = await person('吕', '波');
    const found = async (text: string) =>
      (
        await marketer.query<{ items: { id: string }[] }>('contacts.list', { search: text, limit: 200 })
      ).body.result!.data.items.map((c) => c.id);
    for (const typed of ['wangfang', 'Wang Fang', 'fang wang', 'FangWang', 'wáng fāng', 'wangf'])
      expect(await found(typed), typed).toContain(wangFang);
    for (const typed of ['lvbo', 'lü bo', 'bo lv']) expect(await found(typed), typed).toContain(lvBo);
    for (const typed of ['wangfangz', 'fangw ang x', 'w'])
      expect(await found(typed), typed).not.toContain(wangFang);
    // At a million contacts this is two index range scans over the Chinese names, beside the trigram index.
    const plan = await knex.transaction(async (tx) => {
      await tx.raw('analyze contacts');
      await tx.raw('set local enable_seqscan = off');
      const { rows } = await tx.raw<{ rows: { 'QUERY PLAN': string }[] }>(
        `explain select id from contacts where workspace_id = ? and (coalesce(last_name, '') || coalesce(first_name, '')) ~ '[一-鿿]'
           and (contact_name_pinyin(coalesce(last_name, '') || coalesce(first_name, '')) like 'wangfang%')`,
        [acme.id],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Index Scan using contacts_family_given_pinyin_index');
    expect(plan).toContain("~>=~ 'wangfang'");
    // The next tests read the demo audience's newest contacts.
    await knex.raw('delete from contacts where id in (?, ?)', [wangFang, lvBo]);
  });

  it('shows a contact with its timeline and saves edits, naming invalid fields', async () => {
    const [first] = (await marketer.query<Page>('contacts.list', { limit: 1 })).body.result!.data.items;
    const timeline = await marketer.query<{ name: string; occurredAt: string }[]>('contacts.timeline', {
      id: first!.id,
    });
    const times = timeline.body.result!.data.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);

    const saved = await marketer.mutate<{ attributes: Record<string, unknown>; lifecycleStage: string }>(
      'contacts.update',
      {
        id: first!.id,
        lifecycleStage: 'sql',
        attributes: { seats: 42, favourite_colour: 'teal' },
      },
    );
    expect(saved.body.result?.data).toMatchObject({
      lifecycleStage: 'sql',
      attributes: { seats: 42, favourite_colour: 'teal' },
    });
    const bad = await marketer.mutate('contacts.update', { id: first!.id, attributes: { seats: 'lots' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.data.fieldErrors).toHaveProperty(['attributes.seats']);
  });

  it('lets an admin erase a contact, not a marketer', async () => {
    const [victim] = (await marketer.query<Page>('contacts.list', { limit: 1 })).body.result!.data.items;
    expect((await marketer.mutate('contacts.erase', { id: victim!.id })).status).toBe(403);
    const admin = new TestBrowser(t.app);
    await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
    expect((await admin.mutate('contacts.erase', { id: victim!.id })).status).toBe(200);
    expect((await admin.query('contacts.get', { id: victim!.id })).status).toBe(404);
  });
});
