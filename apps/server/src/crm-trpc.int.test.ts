import { describe, expect, it } from 'vitest';
import { identifyContact, sql } from '@switchboard/contacts';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const other = await seedWorkspace(t.database.db, 'other');
const marketer = new TestBrowser(t.app);
await marketer.signIn(acme.users.marketer.email, TEST_PASSWORD);
const agent = new TestBrowser(t.app);
await agent.signIn(acme.users.agent.email, TEST_PASSWORD);
const outsider = new TestBrowser(t.app);
await outsider.signIn(other.users.owner.email, TEST_PASSWORD);

const person = async (email: string) =>
  (
    await identifyContact(t.database.db.fork(), acme.id, {
      identities: { email },
      profile: { firstName: 'Pat' },
      attributes: {},
      at: new Date(),
      actor: { type: 'cli', id: null, label: 'test' },
    })
  ).contact.id;
const data = <T>(res: { body: { result?: { data: T } } }) => res.body.result!.data;

describe('companies, deals and notes', () => {
  it('puts a contact at a company found by name or domain; domains are normalised and unique', async () => {
    const pat = await person('pat@globex.test');
    const created = data(
      await marketer.mutate<{ id: string; domain: string }>('crm.createCompany', {
        name: 'Globex',
        domain: 'https://www.Globex.test/about',
      }),
    );
    expect(created.domain).toBe('globex.test');
    const clash = await marketer.mutate('crm.createCompany', { name: 'Globex 2', domain: 'globex.test' });
    expect(clash.status).toBe(409);
    const bad = await marketer.mutate('crm.createCompany', { name: 'X', domain: 'not a domain' });
    expect(bad.status).toBe(400);
    await marketer.mutate('crm.setCompany', { contactId: pat, companyId: created.id });
    const found = data(
      await marketer.query<{ name: string; contactCount: number }[]>('crm.companies', { search: 'glob' }),
    );
    expect(found).toEqual([expect.objectContaining({ name: 'Globex', contactCount: 1 })]);
    expect(data(await marketer.query<{ name: string }>('crm.companyOf', { contactId: pat })).name).toBe(
      'Globex',
    );
    // Another workspace sees nothing of it: the contact is not theirs (404), not merely without a company.
    expect((await outsider.query('crm.companyOf', { contactId: pat })).status).toBe(404);
  });

  it('tracks a deal through its stages as events on the contact timeline, the won deal carrying its revenue', async () => {
    const ann = await person('ann@deal.test');
    const res = await marketer.mutate<{ id: string; stage: string }>('crm.saveDeal', {
      deal: {
        name: 'Annual plan',
        amount: 12000,
        currency: 'eur',
        stage: 'proposal',
        expectedCloseDate: '2026-12-31',
        ownerId: acme.users.marketer.id,
        contactIds: [ann],
      },
    });
    const deal = data(res);
    const won = data(
      await marketer.mutate<{ stage: string; actualCloseDate: string; currency: string }>('crm.saveDeal', {
        id: deal.id,
        deal: { name: 'Annual plan', amount: 12000, currency: 'EUR', stage: 'won', contactIds: [ann] },
      }),
    );
    expect(won).toMatchObject({
      stage: 'won',
      currency: 'EUR',
      actualCloseDate: new Date().toISOString().slice(0, 10),
    });
    const events = await sql<{ name: string; revenue: string | null; properties: { from?: string } }>(
      t.database.db.fork(),
      `select name, revenue, properties from events where contact_id = ? order by id`,
      [ann],
    );
    expect(events.map((e) => [e.name, e.revenue])).toEqual([
      ['deal_created', null],
      ['deal_won', '12000.00'],
    ]);
    expect(events[1]!.properties.from).toBe('proposal');

    const refused = await marketer.mutate('crm.saveDeal', {
      deal: { name: 'X', amount: -1, currency: 'EURO', stage: 'won', contactIds: [] },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('three-letter currency');
  });

  it('keeps notes with their author; only the author or an admin deletes them; erasure removes them', async () => {
    const bo = await person('bo@notes.test');
    const note = data(
      await agent.mutate<{ id: string; authorName: string }>('crm.addNote', {
        contactId: bo,
        body: 'Prefers WeChat',
      }),
    );
    expect(note.authorName).toBe(`agent of acme`);
    expect((await marketer.mutate('crm.deleteNote', { id: note.id })).status).toBe(403);
    const notes = data(await marketer.query<{ body: string }[]>('crm.notes', { contactId: bo }));
    expect(notes.map((n) => n.body)).toEqual(['Prefers WeChat']);

    const admin = new TestBrowser(t.app);
    await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
    const exported = await admin.mutate('contacts.erase', { id: bo });
    expect(exported.status).toBe(200);
    const left = await sql(t.database.db.fork(), 'select 1 from notes where contact_id = ?', [bo]);
    expect(left).toEqual([]);
  });
});

describe('bulk actions on the contact list', () => {
  it('tags picked rows, tags or lists everyone matching the filters, and exports what the list shows', async () => {
    const ids = await Promise.all(['bulk1@b.test', 'bulk2@b.test', 'bulk3@b.test'].map((e) => person(e)));
    const tagged = await marketer.mutate<{ affected: number }>('contacts.bulk', {
      target: { ids: ids.slice(0, 2) },
      action: { kind: 'tag', tag: 'expo' },
    });
    expect(data(tagged).affected).toBe(2);
    const listed = await marketer.mutate<{ affected: number }>('contacts.bulk', {
      target: { filter: { search: 'bulk' } },
      action: { kind: 'addToList', listName: 'Expo follow-up' },
    });
    expect(data(listed).affected).toBe(3);
    const untagged = await marketer.mutate<{ affected: number }>('contacts.bulk', {
      target: { filter: { tag: 'expo' } },
      action: { kind: 'untag', tag: 'expo' },
    });
    expect(data(untagged).affected).toBe(2);
    const members = await sql<{ n: string }>(
      t.database.db.fork(),
      `select count(*) as n from segment_members m join segments s on s.id = m.segment_id where s.name = 'Expo follow-up'`,
    );
    expect(members[0]!.n).toBe('3');
    // Another workspace's ids are never touched.
    const foreign = await outsider.mutate<{ affected: number }>('contacts.bulk', {
      target: { ids },
      action: { kind: 'tag', tag: 'stolen' },
    });
    expect(data(foreign).affected).toBe(0);

    const csv = await marketer.get('/exports/contacts.csv?search=bulk2');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('bulk2@b.test');
    const list = (
      await sql<{ id: string }>(t.database.db.fork(), `select id from segments where name = 'Expo follow-up'`)
    )[0]!;
    const listCsv = await marketer.get(`/exports/contacts.csv?segment=${list.id}`);
    expect((await listCsv.text()).trim().split('\r\n')).toHaveLength(4);
  });
});

describe('subscription topics', () => {
  it('lists defined topics and topics in use with opt-in counts; keys are validated', async () => {
    const mia = await person('mia@topics.test');
    await marketer.mutate('contacts.setConsent', {
      id: mia,
      channel: 'email',
      topic: 'product-news',
      status: 'opted_in',
    });
    expect(
      (await marketer.mutate('topics.save', { key: 'Bad Key', label: 'x', channels: ['email'] })).status,
    ).toBe(400);
    expect(
      (
        await marketer.mutate('topics.save', {
          key: 'newsletter',
          label: 'Monthly newsletter',
          channels: ['email', 'wechat'],
        })
      ).status,
    ).toBe(200);
    const topics = data(
      await marketer.query<
        { key: string; defined: boolean; label: string; optedIn: Record<string, number> }[]
      >('topics.list'),
    );
    expect(topics).toEqual([
      expect.objectContaining({ key: 'newsletter', defined: true, label: 'Monthly newsletter', optedIn: {} }),
      expect.objectContaining({ key: 'product-news', defined: false, optedIn: { email: 1 } }),
    ]);
    expect((await agent.mutate('topics.save', { key: 'x', channels: ['email'] })).status).toBe(403);
  });
});
