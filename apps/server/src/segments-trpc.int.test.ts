import { describe, expect, it } from 'vitest';
import { seedDemoAudience } from '@switchboard/contacts';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
await seedDemoAudience(t.database.db.fork(), acme.id, 400);
const marketer = new TestBrowser(t.app);
await marketer.signIn(acme.users.marketer.email, TEST_PASSWORD);

const vipRules = { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'has', value: 'vip' }] };

describe('segments', () => {
  it('previews a live count and a sample while the rules are edited', async () => {
    const all = await marketer.query<{ count: number }>('segments.preview', {
      rules: { kind: 'group', match: 'all', conditions: [] },
    });
    expect(all.body.result?.data.count).toBe(400);
    const vip = await marketer.query<{ count: number; sample: { id: string }[] }>('segments.preview', {
      rules: vipRules,
    });
    expect(vip.body.result!.data.count).toBeGreaterThan(0);
    expect(vip.body.result!.data.count).toBeLessThan(400);
    expect(vip.body.result!.data.sample.length).toBeLessThanOrEqual(10);
  });

  it('suggests the event names the workspace has received, with the property keys they carry', async () => {
    const res = await marketer.query<{ name: string; propertyKeys: string[] }[]>('segments.eventCatalogue');
    const catalogue = res.body.result!.data;
    const names = catalogue.map((e) => e.name);
    const stored = await t.database.db
      .fork()
      .getConnection()
      .execute<{ name: string }[]>('select distinct name from events where workspace_id = ? order by name', [
        acme.id,
      ]);
    // Every name exactly once, in order, from the index skip scan.
    expect(names).toEqual(stored.map((r) => r.name));
    expect(names.length).toBeGreaterThan(3);
    const [keysed] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ name: string; key: string }[]>(
        `select name, jsonb_object_keys(properties) as key from events
         where workspace_id = ? and jsonb_typeof(properties) = 'object' and properties <> '{}'::jsonb limit 1`,
        [acme.id],
      );
    expect(catalogue.find((e) => e.name === keysed!.name)?.propertyKeys.length).toBeGreaterThan(0);
  });

  it('names the rule that cannot be compiled', async () => {
    const res = await marketer.query('segments.preview', {
      rules: {
        kind: 'group',
        match: 'all',
        conditions: [{ kind: 'attribute', key: 'shoe_size', op: 'eq', value: '42' }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.data.fieldErrors).toEqual({
      'rules.conditions.0.key': 'There is no attribute "shoe_size" in this workspace',
    });
    const malformed = await marketer.query('segments.preview', {
      rules: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'has' }] },
    });
    expect(malformed.status).toBe(400);
  });

  it('saves, reuses in other segments, refuses cycles and protects used segments', async () => {
    const vip = await marketer.mutate<{ id: string }>('segments.create', { name: 'VIPs', rules: vipRules });
    expect(vip.status).toBe(200);
    const vipId = vip.body.result!.data.id;
    expect((await marketer.mutate('segments.create', { name: 'VIPs', rules: vipRules })).status).toBe(409);
    const pro = await marketer.mutate<{ id: string }>('segments.create', {
      name: 'Pro VIPs',
      rules: {
        kind: 'group',
        match: 'all',
        conditions: [
          { kind: 'segment', op: 'in', segmentId: vipId },
          { kind: 'attribute', key: 'plan', op: 'eq', value: 'pro' },
        ],
      },
    });
    expect(pro.status).toBe(200);
    const cycle = await marketer.mutate('segments.update', {
      id: vipId,
      name: 'VIPs',
      rules: {
        kind: 'group',
        match: 'all',
        conditions: [{ kind: 'segment', op: 'in', segmentId: pro.body.result!.data.id }],
      },
    });
    expect(cycle.status).toBe(400);
    expect(JSON.stringify(cycle.body.error?.data.fieldErrors)).toContain('cannot contain themselves');
    expect((await marketer.mutate('segments.delete', { id: vipId })).status).toBe(409);
    const list = await marketer.query<{ name: string }[]>('segments.list');
    expect(list.body.result?.data.map((s) => s.name)).toEqual(['Pro VIPs', 'VIPs']);
  });

  it('lets analysts look but not change', async () => {
    const analyst = new TestBrowser(t.app);
    await analyst.signIn(acme.users.analyst.email, TEST_PASSWORD);
    expect((await analyst.query('segments.list')).status).toBe(200);
    expect((await analyst.mutate('segments.create', { name: 'Nope', rules: vipRules })).status).toBe(403);
  });
});
