import { describe, expect, it } from 'vitest';
import { compileSegment, STATIC_LIST, SegmentCompileError, type CompileContext } from './compile-segment.ts';
import { segmentGroupSchema, type SegmentCondition, type SegmentGroup } from '../rules/segment-rules.ts';

const now = new Date('2026-11-26T12:00:00Z');
const ctx: CompileContext = {
  workspaceId: 'ws-1',
  now,
  attributeTypes: new Map([
    ['plan', 'text'],
    ['seats', 'number'],
    ['vip', 'boolean'],
    ['renewal_date', 'date'],
    ['interests', 'list'],
  ]),
};
const all = (...conditions: unknown[]): SegmentGroup =>
  segmentGroupSchema.parse({ kind: 'group', match: 'all', conditions });
const one = (condition: unknown) => compileSegment(all(condition), ctx);

describe('segment compiler', () => {
  it('compiles text attribute operators with the key and value as parameters', () => {
    expect(one({ kind: 'attribute', key: 'plan', op: 'eq', value: 'pro' })).toEqual({
      where: '((c.attributes ->> ?) = ?)',
      params: ['plan', 'pro'],
    });
    expect(one({ kind: 'attribute', key: 'plan', op: 'contains', value: '50%_off' }).params).toEqual([
      'plan',
      '%50\\%\\_off%',
    ]);
    expect(one({ kind: 'attribute', key: 'plan', op: 'starts_with', value: 'ent' }).params).toEqual([
      'plan',
      'ent%',
    ]);
    expect(one({ kind: 'attribute', key: 'plan', op: 'in', value: ['pro', 'enterprise'] })).toEqual({
      where: '((c.attributes ->> ?) in (?, ?))',
      params: ['plan', 'pro', 'enterprise'],
    });
    expect(one({ kind: 'attribute', key: 'plan', op: 'not_exists' }).where).toBe(
      '((c.attributes ->> ?) is null)',
    );
    expect(one({ kind: 'attribute', key: 'plan', op: 'neq', value: 'free' }).where).toContain(
      'is distinct from',
    );
  });

  it('compares numbers only where the stored value is a number, so one odd value cannot fail the query', () => {
    const compiled = one({ kind: 'attribute', key: 'seats', op: 'gte', value: 10 });
    expect(compiled.where).toBe(
      "((case when jsonb_typeof(c.attributes -> ?) = 'number' then (c.attributes ->> ?)::numeric end) >= ?)",
    );
    expect(compiled.params).toEqual(['seats', 'seats', 10]);
    expect(() => one({ kind: 'attribute', key: 'seats', op: 'gt', value: 'ten' })).toThrow(/Give a number/);
    expect(() => one({ kind: 'attribute', key: 'seats', op: 'contains', value: '1' })).toThrow(
      /does not apply to a number/,
    );
  });

  it('handles booleans, dates and lists', () => {
    expect(one({ kind: 'attribute', key: 'vip', op: 'is_true' }).where).toBe(
      "((c.attributes -> ?) = 'true'::jsonb)",
    );
    expect(one({ kind: 'attribute', key: 'renewal_date', op: 'within_last_days', value: 30 }).params).toEqual(
      ['renewal_date', '2026-10-27', '2026-11-26'],
    );
    expect(
      one({ kind: 'attribute', key: 'renewal_date', op: 'before', value: '2027-01-01T00:00:00Z' }).params,
    ).toEqual(['renewal_date', '2027-01-01']);
    expect(one({ kind: 'attribute', key: 'interests', op: 'includes', value: 'golf' })).toEqual({
      where: '((c.attributes -> ?) @> ?::jsonb)',
      params: ['interests', '["golf"]'],
    });
  });

  it('compiles fields, tags and lifecycle stages', () => {
    expect(one({ kind: 'field', field: 'leadScore', op: 'gt', value: 50 })).toEqual({
      where: '(c.lead_score > ?)',
      params: [50],
    });
    expect(one({ kind: 'field', field: 'createdAt', op: 'within_last_days', value: 7 }).params).toEqual([
      new Date('2026-11-19T12:00:00Z'),
    ]);
    expect(one({ kind: 'field', field: 'email', op: 'contains', value: '@example.cn' }).where).toBe(
      '(c.email ilike ?)',
    );
    expect(one({ kind: 'tag', op: 'has_not', value: 'vip' })).toEqual({
      where: '(not (? = any(c.tags)))',
      params: ['vip'],
    });
    expect(one({ kind: 'lifecycle', op: 'at_least', value: 'sql' })).toEqual({
      where: '(c.lifecycle_stage in (?, ?, ?))',
      params: ['sql', 'opportunity', 'customer'],
    });
  });

  describe('event conditions', () => {
    const orders = {
      kind: 'event',
      name: 'order_completed',
      op: 'did',
      atLeast: 2,
      withinDays: 30,
      where: [{ key: 'currency', value: 'EUR' }],
    };
    const since = new Date('2026-10-27T12:00:00Z');
    const withVolumes = (events: number | undefined) => (condition: unknown) =>
      compileSegment(all(condition), {
        ...ctx,
        eventVolumes: {
          contacts: 1000,
          events: (name, at) =>
            name === 'order_completed' && at.getTime() === since.getTime() ? events : undefined,
        },
      });

    it('probe each contact for the Nth matching event when the event is common (or nothing is known)', () => {
      for (const compiled of [one(orders), withVolumes(5000)(orders)]) {
        expect(compiled.where).toBe(
          '(exists (select 1 from events e where e.contact_id = c.id and e.name = ? and e.occurred_at >= ? and e.properties ->> ? = ? offset ?))',
        );
        expect(compiled.params).toEqual(['order_completed', since, 'currency', 'EUR', 1]);
      }
      expect(one({ ...orders, op: 'did_not' }).where).toMatch(
        /^\(not exists \(select 1 from events e where e\.contact_id = c\.id /,
      );
    });

    it("read a rare event's period once, grouped by contact", () => {
      const compiled = withVolumes(200)(orders);
      expect(compiled.where).toBe(
        '(exists (select 1 from (select e.contact_id from events e where e.workspace_id = ? and e.name = ? and e.occurred_at >= ? and e.properties ->> ? = ? group by e.contact_id having count(*) >= ?) g where g.contact_id = c.id))',
      );
      expect(compiled.params).toEqual(['ws-1', 'order_completed', since, 'currency', 'EUR', 2]);
      expect(withVolumes(200)({ ...orders, op: 'did_not' }).where).toMatch(
        /^\(not exists \(select 1 from \(select e\.contact_id/,
      );
    });

    it('leave "at least once" to the planner as a (not) exists it can probe or hash', () => {
      const once = { kind: 'event', name: 'x', op: 'did_not', withinDays: 7 };
      expect(one(once)).toEqual({
        where:
          '(not exists (select 1 from events e where e.workspace_id = ? and e.contact_id = c.id and e.name = ? and e.occurred_at >= ?))',
        params: ['ws-1', 'x', new Date('2026-11-19T12:00:00Z')],
      });
      expect(one({ ...once, op: 'did' }).where).toMatch(/^\(exists \(/);
    });
  });

  it('counts only human engagement for opens and clicks', () => {
    const opened = one({
      kind: 'engagement',
      channel: 'email',
      action: 'opened',
      op: 'did_not',
      withinDays: 7,
    });
    expect(opened.where).toContain("coalesce(e.properties ->> 'machine', 'false') <> 'true'");
    expect(opened.params.slice(0, 2)).toEqual(['ws-1', 'email_opened']);
    expect(
      one({ kind: 'engagement', channel: 'sms', action: 'replied', op: 'did', withinDays: 7 }).where,
    ).not.toContain('machine');
  });

  it('nests AND/OR groups and keeps parameters in SQL order', () => {
    const tree = all(
      { kind: 'tag', op: 'has', value: 'a' },
      {
        kind: 'group',
        match: 'any',
        conditions: [
          { kind: 'tag', op: 'has', value: 'b' },
          { kind: 'field', field: 'leadScore', op: 'lt', value: 5 },
        ],
      },
    );
    const compiled = compileSegment(tree, ctx);
    expect(compiled.where).toBe('((? = any(c.tags)) and ((? = any(c.tags)) or (c.lead_score < ?)))');
    expect(compiled.params).toEqual(['a', 'b', 5]);
    expect(compileSegment({ kind: 'group', match: 'all', conditions: [] }, ctx).where).toBe('true');
    expect(compileSegment({ kind: 'group', match: 'any', conditions: [] }, ctx).where).toBe('false');
  });

  it('inlines other segments and refuses cycles', () => {
    const vipId = '00000000-0000-4000-8000-000000000001';
    const loopId = '00000000-0000-4000-8000-000000000002';
    const segments = new Map<string, SegmentGroup>([
      [vipId, all({ kind: 'tag', op: 'has', value: 'vip' })],
      [loopId, all({ kind: 'segment', op: 'in', segmentId: loopId })],
    ]);
    const withSegments = { ...ctx, resolveSegment: (id: string) => segments.get(id) };
    expect(compileSegment(all({ kind: 'segment', op: 'not_in', segmentId: vipId }), withSegments)).toEqual({
      where: '(not (? = any(c.tags)))',
      params: ['vip'],
    });
    expect(() => compileSegment(all({ kind: 'segment', op: 'in', segmentId: loopId }), withSegments)).toThrow(
      /cannot contain themselves/,
    );
    expect(() =>
      compileSegment(
        all({ kind: 'segment', op: 'in', segmentId: '00000000-0000-4000-8000-000000000009' }),
        withSegments,
      ),
    ).toThrow(/no such segment/);
  });

  it('reads static lists from their stored members', () => {
    const listId = '00000000-0000-4000-8000-000000000003';
    const withList = { ...ctx, resolveSegment: (id: string) => (id === listId ? STATIC_LIST : undefined) };
    expect(compileSegment(all({ kind: 'segment', op: 'not_in', segmentId: listId }), withList)).toEqual({
      where:
        '(not exists (select 1 from segment_members m where m.segment_id = ?::uuid and m.contact_id = c.id))',
      params: [listId],
    });
  });

  it('checks the current consent for a channel and topic', () => {
    expect(one({ kind: 'consent', channel: 'email', topic: 'newsletter', status: 'opted_in' })).toEqual({
      where:
        '(exists (select 1 from consents k where k.contact_id = c.id and k.channel = ? and k.topic = ? and k.status = ?))',
      params: ['email', 'newsletter', 'opted_in'],
    });
    expect(one({ kind: 'consent', channel: 'sms', status: 'none' })).toEqual({
      where:
        '(not exists (select 1 from consents k where k.contact_id = c.id and k.channel = ? and k.topic = ?))',
      params: ['sms', ''],
    });
  });

  it('puts random buckets on a stable hash of the contact id', () => {
    expect(one({ kind: 'bucket', salt: 'test-1', from: 0, to: 10 }).params).toEqual(['test-1', 0, 9]);
  });

  it('keeps hostile input as data: values, keys and names never enter the SQL text', () => {
    const hostile = "x'); drop table contacts; --";
    const conditions: SegmentCondition[] = [
      { kind: 'attribute', key: 'plan', op: 'eq', value: hostile },
      { kind: 'tag', op: 'has', value: hostile },
      {
        kind: 'event',
        name: hostile,
        op: 'did',
        atLeast: 1,
        withinDays: 1,
        where: [{ key: 'plan', value: hostile }],
      },
      { kind: 'field', field: 'email', op: 'in', value: [hostile, hostile] },
    ];
    for (const condition of conditions) {
      const compiled = compileSegment({ kind: 'group', match: 'all', conditions: [condition] }, ctx);
      expect(compiled.where).not.toContain('drop');
      expect(compiled.params).toContain(hostile);
    }
    expect(() =>
      segmentGroupSchema.parse({
        kind: 'group',
        match: 'all',
        conditions: [{ kind: 'attribute', key: "plan' or 1=1", op: 'eq', value: 'x' }],
      }),
    ).toThrow(/not a valid attribute name/);
    expect(() =>
      segmentGroupSchema.parse({
        kind: 'group',
        match: 'all',
        conditions: [{ kind: 'field', field: 'password_hash', op: 'eq', value: 'x' }],
      }),
    ).toThrow();
  });

  it('names the path of an unknown attribute', () => {
    try {
      compileSegment(
        all({
          kind: 'group',
          match: 'any',
          conditions: [{ kind: 'attribute', key: 'shoe_size', op: 'eq', value: '42' }],
        }),
        ctx,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SegmentCompileError);
      expect((error as SegmentCompileError).path).toBe('conditions.0.conditions.0.key');
    }
  });
});
