import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, useTestDatabase } from '@switchboard/testkit';
import { list, sql } from '@switchboard/contacts';
import { attribute } from '../attribution/attribution-models.ts';
import type { ConversionPath } from '../attribution/conversion-path.ts';
import { attributionReport } from './attribution-report.ts';
import { saveConversionDefinition, type ConversionDefinitionView } from './conversion-definitions.ts';
import { touchKey, type CreditBy } from './conversion-paths.ts';
import { DELIVERED_STATUSES, prepareAttributionChains } from '../rollups/attribution-touches.ts';
import { periodOf } from './attribution-request.ts';

const database = await useTestDatabase();
const em = () => database.db.fork();
let workspaceId = '';
const contacts: string[] = [];
const journeyId = randomUUID();
const campaignIds = [randomUUID(), randomUUID()];

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
const random = generator(20261207);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const instant = (from: string, days: number) =>
  new Date(
    new Date(from).getTime() + Math.floor(random() * days * 86_400) * 1000 + Math.floor(random() * 997),
  );

async function addContact() {
  const id = randomUUID();
  await sql(
    em(),
    `insert into contacts (id, workspace_id, email, attributes, tags, created_at, updated_at)
     values (?, ?, ?, '{}'::jsonb, '{}', now(), now())`,
    [id, workspaceId, `${id}@example.org`],
  );
  contacts.push(id);
  return id;
}

/** A random ledger row with random engagement, as sends and webhooks leave them. */
async function randomMessage(contactId: string, from = '2026-10-01T00:00:00Z', days = 61) {
  const id = randomUUID();
  const channel = pick(['email', 'email', 'sms', 'wechat'] as const);
  const source = pick(['campaign', 'journey', 'api'] as const);
  const sentAt = instant(from, days);
  const status = pick(['sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'replied']);
  const deliveredAt =
    channel !== 'email' && random() < 0.5
      ? new Date(sentAt.getTime() + 60_000 + Math.floor(random() * 9e6))
      : null;
  await sql(
    em(),
    `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, journey_node, channel,
       purpose, content, status, created_at, sent_at, delivered_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'marketing', '{}'::jsonb, ?, ?, ?, ?, ?)`,
    [
      id,
      workspaceId,
      contactId,
      `test:${id}`,
      source,
      source === 'campaign' ? pick(campaignIds) : source === 'journey' ? journeyId : null,
      source === 'journey' ? pick(['welcome', 'reminder']) : null,
      channel,
      status,
      sentAt,
      sentAt,
      deliveredAt,
      sentAt,
    ],
  );
  const events = Math.floor(random() * 4);
  for (let i = 0; i < events; i++)
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, ?, ?, ?)`,
      [
        workspaceId,
        id,
        pick(['opened', 'clicked', 'replied', 'unsubscribed']),
        random() < 0.25,
        new Date(sentAt.getTime() + Math.floor(random() * 5 * 86_400_000)),
      ],
    );
  return id;
}

async function purchase(contactId: string, at: Date) {
  await sql(
    em(),
    `insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, message_id, occurred_at, received_at)
     values (?, ?, 'purchase', '{}'::jsonb, ?, 'USD', 'api', ?, ?, now())`,
    [workspaceId, contactId, 10 + Math.floor(random() * 90), randomUUID(), at],
  );
}

/** The paths straight from the ledger and the event store: every contact's touches, computed the plain way. */
async function referencePaths(
  definition: ConversionDefinitionView,
  period: { from: Date; to: Date },
  by: CreditBy,
): Promise<ConversionPath[]> {
  const kinds = definition.touchKinds;
  const touches = await sql<{
    contact_id: string;
    channel: string;
    source_kind: string;
    source_id: string | null;
    journey_node: string | null;
    at: Date;
  }>(
    em(),
    `select m.contact_id, m.channel::text as channel, m.source_kind::text as source_kind, m.source_id, m.journey_node, t.at
     from messages m cross join lateral (
       select coalesce(m.delivered_at, m.sent_at) as at
       where 'delivered' = any(?::text[]) and m.status::text = any(?::text[])
       union all
       select me.occurred_at from message_events me
       where me.message_id = m.id and me.kind::text = any(?::text[]) and me.kind in ('opened', 'clicked', 'replied')
         and not me.machine
     ) t
     where m.workspace_id = ? and m.contact_id is not null and t.at is not null
     order by m.contact_id, t.at`,
    [list(kinds), list(DELIVERED_STATUSES), list(kinds), workspaceId],
  );
  const purchases = await sql<{ contact_id: string; at: Date; value: number }>(
    em(),
    `select contact_id, occurred_at as at, revenue::float8 as value from events
     where workspace_id = ? and name = 'purchase' and occurred_at >= ? and occurred_at < ?`,
    [workspaceId, period.from, period.to],
  );
  const byContact = new Map<string, { key: string; at: number }[]>();
  for (const t of touches) {
    const own = byContact.get(t.contact_id) ?? [];
    own.push({ key: touchKey(t, by), at: new Date(t.at).getTime() });
    byContact.set(t.contact_id, own);
  }
  const lookback = definition.lookbackDays * 86_400_000;
  const paths: ConversionPath[] = purchases.map((p) => {
    const at = new Date(p.at).getTime();
    const own = (byContact.get(p.contact_id) ?? []).filter((t) => t.at <= at && t.at > at - lookback);
    return { touches: own, conversion: { at, value: Number(p.value) } };
  });
  const buyers = new Set(purchases.map((p) => p.contact_id));
  for (const [contactId, own] of byContact) {
    if (buyers.has(contactId)) continue;
    const inPeriod = own.filter((t) => t.at >= period.from.getTime() && t.at < period.to.getTime());
    if (inPeriod.length > 0) paths.push({ touches: inPeriod, conversion: null });
  }
  return paths;
}

async function expectSameAsLedger(
  definition: ConversionDefinitionView,
  period: { from: Date; to: Date },
  by: CreditBy,
  timeZone?: string,
) {
  const report = await attributionReport(em(), workspaceId, definition, {
    ...period,
    by,
    ...(timeZone ? { timeZone } : {}),
  });
  const paths = await referencePaths(definition, period, by);
  const expected = attribute(paths);
  expect(report.unconvertedPaths).toBe(paths.filter((p) => !p.conversion).length);
  expect(Object.keys(report.models.markov!).sort()).toEqual(Object.keys(expected.markov!).sort());
  for (const [model, credits] of Object.entries(expected))
    for (const [key, credit] of Object.entries(credits))
      expect([model, key, report.models[model as keyof typeof expected]![key]]).toEqual([
        model,
        key,
        expect.closeTo(credit, 6),
      ]);
  return report;
}

const november = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
let everything: ConversionDefinitionView;

beforeAll(async () => {
  workspaceId = await createTestWorkspace(database.db);
  await sql(
    em(),
    `insert into journeys (id, workspace_id, name, status, draft, created_at, updated_at)
     values (?, ?, 'Welcome', 'live', '{}'::jsonb, now(), now())`,
    [journeyId, workspaceId],
  );
  for (let i = 0; i < 40; i++) {
    const contact = await addContact();
    const messages = Math.floor(random() * 7);
    for (let m = 0; m < messages; m++) await randomMessage(contact);
    if (random() < 0.4) await purchase(contact, instant('2026-11-01T00:00:00Z', 30));
  }
  everything = await saveConversionDefinition(em(), workspaceId, {
    name: 'Purchase',
    kind: 'event',
    eventName: 'purchase',
  });
}, 120_000);

describe('attribution from the kept touches', () => {
  it('credits exactly what whole paths from the ledger credit, by channel, source and step', async () => {
    const report = await expectSameAsLedger(everything, november, 'channel');
    expect(report.unconvertedPaths).toBeGreaterThan(5);
    expect(report.conversions).toBeGreaterThan(5);
    await expectSameAsLedger(everything, november, 'source');
    await expectSameAsLedger(everything, november, 'step');
  });

  it('stays exact as sends, late engagement and touches before earlier ones arrive', async () => {
    await expectSameAsLedger(everything, november, 'step');
    for (let i = 0; i < 15; i++) await randomMessage(pick(contacts), '2026-10-20T00:00:00Z', 40);
    const newcomer = await addContact();
    await randomMessage(newcomer, '2026-11-10T00:00:00Z', 5);
    await expectSameAsLedger(everything, november, 'step');
    const [late] = await sql<{ id: string }>(
      em(),
      `select id from messages where workspace_id = ? and sent_at >= '2026-11-01' order by sent_at limit 1`,
      [workspaceId],
    );
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at)
       values (?, ?, 'clicked', false, '2026-11-25T10:00:00Z')`,
      [workspaceId, late!.id],
    );
    await sql(
      em(),
      `update messages set status = 'bounced' where id in (
      select id from messages where workspace_id = ? and status = 'sent' order by sent_at limit 3)`,
      [workspaceId],
    );
    await expectSameAsLedger(everything, november, 'channel');
  });

  it('follows a message moved to another contact (a merge) and the kinds a definition counts', async () => {
    const [moved] = await sql<{ id: string; contact_id: string }>(
      em(),
      `select id, contact_id from messages where workspace_id = ? and sent_at >= '2026-11-01' order by sent_at limit 1`,
      [workspaceId],
    );
    const other = contacts.find((c) => c !== moved!.contact_id)!;
    await sql(em(), 'update messages set contact_id = ? where id = ?', [other, moved!.id]);
    await expectSameAsLedger(everything, november, 'source');
    const clicksAndReplies = await saveConversionDefinition(em(), workspaceId, {
      name: 'Purchase after a click or reply',
      kind: 'event',
      eventName: 'purchase',
      touchKinds: ['clicked', 'replied'],
    });
    await expectSameAsLedger(clicksAndReplies, november, 'channel');
  });

  it('counts days in the workspace time zone, rebuilding the kept touches once when it changes', async () => {
    const shanghai = periodOf({ from: '2026-11-01', to: '2026-11-30' }, 'Asia/Shanghai');
    await expectSameAsLedger(everything, shanghai, 'channel', 'Asia/Shanghai');
    const [chain] = await sql<{ time_zone: string }>(
      em(),
      'select time_zone from attribution_chains where workspace_id = ? and mask = 15',
      [workspaceId],
    );
    expect(chain!.time_zone).toBe('Asia/Shanghai');
    const mid = periodOf({ from: '2026-11-10', to: '2026-11-20' }, 'Asia/Shanghai');
    await expectSameAsLedger(everything, mid, 'step', 'Asia/Shanghai');
  });

  it('the worker builds the chains reports will read ahead of them, once', async () => {
    // The definitions' two sets of kinds, in the workspace's zone (UTC): the clicks-and-replies chain is already
    // kept in UTC; the one of all four kinds was last built for Shanghai, so it is built again.
    expect(await prepareAttributionChains(em())).toBe(1);
    expect(await prepareAttributionChains(em())).toBe(0);
    const chains = await sql<{ mask: number; time_zone: string }>(
      em(),
      'select mask, time_zone from attribution_chains where workspace_id = ? order by mask',
      [workspaceId],
    );
    expect(chains).toEqual([
      { mask: 12, time_zone: 'UTC' },
      { mask: 15, time_zone: 'UTC' },
    ]);
  });

  it('forgets an erased contact’s touches with the contact', async () => {
    const [kept] = await sql<{ n: number }>(
      em(),
      'select count(*)::int as n from attribution_touches where contact_id = ?',
      [contacts[0]],
    );
    await sql(em(), 'delete from events where contact_id = ?', [contacts[0]]);
    await sql(em(), 'delete from contacts where id = ?', [contacts[0]]);
    const [left] = await sql<{ n: number }>(
      em(),
      'select count(*)::int as n from attribution_touches where contact_id = ?',
      [contacts[0]],
    );
    expect([kept!.n >= 0, left!.n]).toEqual([true, 0]);
    await expectSameAsLedger(everything, november, 'channel');
  });
});
