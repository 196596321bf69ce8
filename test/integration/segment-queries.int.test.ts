import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  compileSegment,
  previewSegment,
  segmentGroupSchema,
  type AttributeType,
  type EventVolumes,
} from '@switchboard/segments';
import { seedDemoAudience } from '@switchboard/contacts';
import { Workspace } from '@switchboard/db';
import { useTestDatabase } from '@switchboard/testkit';

const { db } = await useTestDatabase();
const now = new Date();
const em = db.fork();
const workspace = em.create(Workspace, { id: randomUUID(), slug: 'seg', name: 'Segments' });
await em.flush();
await seedDemoAudience(db.fork(), workspace.id, 1500, now);
const knex = db.fork().getConnection().getKnex();
// The demo audience defines plan (text), city (text), seats (number) and newsletter_opt_in (boolean).

interface Row {
  id: string;
  attributes: { plan: string; city: string; seats: number; newsletter_opt_in: boolean };
  tags: string[];
  lifecycle_stage: string;
}
const contacts = (
  await knex.raw('select id, attributes, tags, lifecycle_stage from contacts where workspace_id = ?', [
    workspace.id,
  ])
).rows as Row[];
const events = (
  await knex.raw('select contact_id, name, occurred_at from events where workspace_id = ?', [workspace.id])
).rows as {
  contact_id: string;
  name: string;
  occurred_at: Date;
}[];
const DAY = 86_400_000;
const countEvents = (id: string, name: string, days: number) =>
  events.filter(
    (e) =>
      e.contact_id === id &&
      e.name === name &&
      new Date(e.occurred_at).getTime() >= now.getTime() - days * DAY,
  ).length;

const context = {
  workspaceId: workspace.id,
  now,
  attributeTypes: new Map<string, AttributeType>([
    ['plan', 'text'],
    ['city', 'text'],
    ['seats', 'number'],
    ['newsletter_opt_in', 'boolean'],
  ]),
};

async function members(tree: unknown, volumes?: EventVolumes): Promise<Set<string>> {
  const compiled = compileSegment(segmentGroupSchema.parse(tree), { ...context, eventVolumes: volumes });
  const result = await knex.raw<{ rows: { id: string }[] }>(
    `select c.id from contacts c where c.workspace_id = ? and ${compiled.where}`,
    [workspace.id, ...(compiled.params as never[])],
  );
  return new Set(result.rows.map((r) => r.id));
}
const expected = (predicate: (c: Row) => boolean) => new Set(contacts.filter(predicate).map((c) => c.id));

describe('compiled segments on real data', () => {
  // Probing each contact (no estimates, or a common event) and reading the period once (a rare event) must agree.
  const strategies: [string, EventVolumes | undefined][] = [
    ['probing each contact', undefined],
    ['reading the period once', { contacts: 1_000_000, events: () => 10 }],
  ];

  it.each(strategies)(
    'match a compound "attribute AND did X ≥ 2 times in 30 days AND NOT did Y in 7 days" segment exactly, %s',
    async (_, volumes) => {
      const got = await members(
        {
          kind: 'group',
          match: 'all',
          conditions: [
            { kind: 'attribute', key: 'plan', op: 'in', value: ['pro', 'enterprise'] },
            { kind: 'event', name: 'page_viewed', op: 'did', atLeast: 2, withinDays: 30 },
            { kind: 'event', name: 'cart_abandoned', op: 'did_not', withinDays: 7 },
          ],
        },
        volumes,
      );
      const want = expected(
        (c) =>
          ['pro', 'enterprise'].includes(c.attributes.plan) &&
          countEvents(c.id, 'page_viewed', 30) >= 2 &&
          countEvents(c.id, 'cart_abandoned', 7) === 0,
      );
      expect(want.size).toBeGreaterThan(10);
      expect(got).toEqual(want);
    },
  );

  it.each(strategies)('match "did not do X at least 3 times" exactly, %s', async (_, volumes) => {
    const got = await members(
      {
        kind: 'group',
        match: 'any',
        conditions: [{ kind: 'event', name: 'page_viewed', op: 'did_not', atLeast: 3, withinDays: 30 }],
      },
      volumes,
    );
    const want = expected((c) => countEvents(c.id, 'page_viewed', 30) < 3);
    expect(want.size).toBeGreaterThan(10);
    expect(want.size).toBeLessThan(contacts.length);
    expect(got).toEqual(want);
  });

  it('count the same when the count is split over id ranges, with the newest matches as its sample', async () => {
    const rules = segmentGroupSchema.parse({
      kind: 'group',
      match: 'all',
      conditions: [{ kind: 'event', name: 'page_viewed', op: 'did', atLeast: 2, withinDays: 30 }],
    });
    const want = expected((c) => countEvents(c.id, 'page_viewed', 30) >= 2);
    for (const parallelism of [1, 3]) {
      const preview = await previewSegment(db.fork(), workspace.id, rules, { now, parallelism });
      expect(preview.count).toBe(want.size);
      expect(preview.sample).toHaveLength(10);
      expect(preview.sample.every((c) => want.has(c.id))).toBe(true);
    }
  });

  it('match nested OR groups over tags, stages, numbers and booleans exactly', async () => {
    const got = await members({
      kind: 'group',
      match: 'any',
      conditions: [
        { kind: 'tag', op: 'has', value: 'vip' },
        {
          kind: 'group',
          match: 'all',
          conditions: [
            { kind: 'lifecycle', op: 'at_least', value: 'opportunity' },
            { kind: 'attribute', key: 'seats', op: 'gte', value: 200 },
            { kind: 'attribute', key: 'newsletter_opt_in', op: 'is_true' },
          ],
        },
      ],
    });
    const want = expected(
      (c) =>
        c.tags.includes('vip') ||
        (['opportunity', 'customer'].includes(c.lifecycle_stage) &&
          c.attributes.seats >= 200 &&
          c.attributes.newsletter_opt_in),
    );
    expect(got).toEqual(want);
  });

  it('search text with wildcards and non-Latin scripts as plain text', async () => {
    expect(
      await members({
        kind: 'group',
        match: 'all',
        conditions: [{ kind: 'attribute', key: 'city', op: 'eq', value: '上海' }],
      }),
    ).toEqual(expected((c) => c.attributes.city === '上海'));
    expect(
      (
        await members({
          kind: 'group',
          match: 'all',
          conditions: [{ kind: 'attribute', key: 'city', op: 'contains', value: '%' }],
        })
      ).size,
    ).toBe(0);
  });

  it('split contacts into stable random buckets', async () => {
    const tree = (from: number, to: number) => ({
      kind: 'group',
      match: 'all',
      conditions: [{ kind: 'bucket', salt: 'ab-1', from, to }],
    });
    const [a, b] = [await members(tree(0, 50)), await members(tree(50, 100))];
    expect(a.size + b.size).toBe(contacts.length);
    expect([...a].some((id) => b.has(id))).toBe(false);
    expect(a.size / contacts.length).toBeGreaterThan(0.4);
    expect(a.size / contacts.length).toBeLessThan(0.6);
    expect(await members(tree(0, 50))).toEqual(a);
  });

  it('leave the database untouched by hostile values', async () => {
    const hostile = "'; delete from contacts; --";
    expect(
      (
        await members({
          kind: 'group',
          match: 'all',
          conditions: [{ kind: 'tag', op: 'has', value: hostile }],
        })
      ).size,
    ).toBe(0);
    const counted = await knex.raw<{ rows: { n: number }[] }>(
      'select count(*)::int as n from contacts where workspace_id = ?',
      [workspace.id],
    );
    const [row] = counted.rows;
    expect(row!.n).toBe(1500);
  });
});
