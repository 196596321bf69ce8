import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { sql } from '../sql.ts';
import { seededRandom } from './seeded-random.ts';

const COMPANIES: [string, string][] = [
  ['Nordlicht Maschinenbau GmbH', 'nordlicht-mb.de'],
  ['Rheinwerk Logistik AG', 'rheinwerk-logistik.de'],
  ['Alpenblick Reisen', 'alpenblick-reisen.de'],
  ['Bäckerei Sonnenschein', 'sonnenschein-baeckerei.de'],
  ['Kranich Software', 'kranich.dev'],
  ['上海云帆科技有限公司', 'yunfan-tech.cn'],
  ['深圳海岸电子', 'haian-electronics.cn'],
  ['杭州青竹茶业', 'qingzhu-tea.cn'],
  ['北京星辰教育', 'xingchen-edu.cn'],
  ['成都熊猫出行', 'panda-mobility.cn'],
  ['Harborline Outfitters', 'harborline.com'],
  ['Juniper & Pine Studio', 'juniperpine.co'],
  ['Bluebird Analytics', 'bluebird-analytics.io'],
  ['Redwood Dental Group', 'redwooddental.com'],
  ['Lakeside Fitness', 'lakesidefit.com'],
  ['Meridian Health Partners', 'meridianhp.com'],
];
const DEALS = [
  'Annual Pro plan',
  'Seat expansion',
  'SMS credits bundle',
  'Onboarding package',
  'Enterprise pilot',
];
const NOTES = [
  'Prefers WeChat over email; best reached in the afternoon.',
  'Asked about SSO for the enterprise plan – follow up after the pilot.',
  'Met at the Shanghai retail expo; interested in journey templates.',
  'Budget approved for Q1. Procurement needs a DPA before signing.',
  'Churn risk: complained about SMS delivery times in November.',
];

/**
 * Companies, deals and notes for the demo workspace, once (skipped if it has companies): people past "lead" work
 * at one of the companies, opportunities have open deals, customers won ones, and a few customers carry notes.
 */
export async function seedDemoCrm(em: EntityManager, workspaceId: string, now = new Date()) {
  const [existing] = await sql(em, 'select 1 from companies where workspace_id = ? limit 1', [workspaceId]);
  if (existing) return { companies: 0, deals: 0, notes: 0 };
  const random = seededRandom(7_2026);
  const day = 86_400_000;
  const isoDay = (offsetDays: number) =>
    new Date(now.getTime() + offsetDays * day).toISOString().slice(0, 10);
  return em.transactional(async (tx) => {
    const users = await sql<{ user_id: string }>(
      tx,
      `select user_id from memberships where workspace_id = ? and role in ('owner', 'admin', 'marketer', 'agent') order by user_id`,
      [workspaceId],
    );
    const companies = COMPANIES.map(([name, domain]) => ({ id: randomUUID(), name, domain }));
    await sql(
      tx,
      `insert into companies (id, workspace_id, name, domain, created_at, updated_at)
       select r.id, ?, r.name, r.domain, now(), now() from jsonb_to_recordset(?::jsonb) as r(id uuid, name text, domain text)`,
      [workspaceId, JSON.stringify(companies)],
    );
    const people = await sql<{ id: string; lifecycle_stage: string; phone: string | null }>(
      tx,
      `select id, lifecycle_stage, phone from contacts where workspace_id = ? and lifecycle_stage <> 'subscriber' order by created_at, id`,
      [workspaceId],
    );
    // Chinese numbers work at Chinese companies, the rest elsewhere, so the demo reads plausibly.
    const chinese = companies.filter((c) => c.domain.endsWith('.cn'));
    const others = companies.filter((c) => !c.domain.endsWith('.cn'));
    const placements = people.map((p) => ({
      id: p.id,
      company_id: random.pick(p.phone?.startsWith('+86') ? chinese : others).id,
    }));
    await sql(
      tx,
      `update contacts c set company_id = r.company_id from jsonb_to_recordset(?::jsonb) as r(id uuid, company_id uuid) where c.id = r.id`,
      [JSON.stringify(placements)],
    );
    const companyOf = new Map(placements.map((p) => [p.id, p.company_id]));
    const deals: Record<string, unknown>[] = [];
    const links: { deal_id: string; contact_id: string }[] = [];
    for (const person of people) {
      if (person.lifecycle_stage !== 'opportunity' && person.lifecycle_stage !== 'customer') continue;
      const won = person.lifecycle_stage === 'customer';
      const id = randomUUID();
      deals.push({
        id,
        name: random.pick(DEALS),
        amount: random.int(5, 120) * 100,
        currency: person.phone?.startsWith('+86') ? 'CNY' : 'EUR',
        stage: won ? 'won' : random.pick(['qualification', 'proposal', 'negotiation']),
        expected: won ? null : isoDay(random.int(7, 90)),
        actual: won ? isoDay(-random.int(1, 90)) : null,
        owner_id: users.length ? random.pick(users).user_id : null,
        company_id: companyOf.get(person.id) ?? null,
      });
      links.push({ deal_id: id, contact_id: person.id });
    }
    await sql(
      tx,
      `insert into deals (id, workspace_id, name, amount, currency, stage, expected_close_date, actual_close_date, owner_id,
         company_id, created_at, updated_at)
       select r.id, ?, r.name, r.amount, r.currency, r.stage, r.expected::date, r.actual::date, r.owner_id, r.company_id, now(), now()
       from jsonb_to_recordset(?::jsonb) as r(id uuid, name text, amount numeric, currency text, stage text, expected text,
         actual text, owner_id uuid, company_id uuid)`,
      [workspaceId, JSON.stringify(deals)],
    );
    await sql(
      tx,
      `insert into deal_contacts (deal_id, contact_id) select r.deal_id, r.contact_id
       from jsonb_to_recordset(?::jsonb) as r(deal_id uuid, contact_id uuid)`,
      [JSON.stringify(links)],
    );
    const noted = people.filter((p) => p.lifecycle_stage === 'customer').slice(0, 40);
    const notes = noted.map((p) => ({
      id: randomUUID(),
      contact_id: p.id,
      author_id: users.length ? random.pick(users).user_id : null,
      body: random.pick(NOTES),
      at: new Date(now.getTime() - random.int(1, 60) * day).toISOString(),
    }));
    await sql(
      tx,
      `insert into notes (id, workspace_id, contact_id, author_id, body, created_at, updated_at)
       select r.id, ?, r.contact_id, r.author_id, r.body, r.at::timestamptz, r.at::timestamptz
       from jsonb_to_recordset(?::jsonb) as r(id uuid, contact_id uuid, author_id uuid, body text, at text)`,
      [workspaceId, JSON.stringify(notes)],
    );
    return { companies: companies.length, deals: deals.length, notes: notes.length };
  });
}
