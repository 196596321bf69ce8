import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../definition/journey-graph.ts';
import { EventDispatch } from '../dispatch/dispatch-events.ts';
import { startJourneyFixture, fixtureActor, type JourneyFixture } from '../testing/journey-fixture.ts';
import { publishJourney, saveJourneyDraft } from '../store/journey-store.ts';
import { contactJourneys, journeyCounts } from '../store/journey-reports.ts';
import { identifyContact, sql } from '@switchboard/contacts';

let f: JourneyFixture;
beforeAll(async () => {
  f = await startJourneyFixture();
}, 120_000);
afterAll(() => f?.stop());

const position = { x: 0, y: 0 };

/** Abandoned cart, keyed by cart: email with the items, then (no purchase of that cart in time) an SMS. */
function cartJourney(trigger: string, timeoutSeconds: number, extra: Partial<JourneyGraph['settings']> = {}) {
  return {
    settings: {
      reentry: { mode: 'always' as const },
      exitOnLeavingSegment: null,
      goals: [],
      quietPeriodHours: 0,
      ...extra,
    },
    nodes: [
      {
        id: 'start',
        type: 'trigger' as const,
        position,
        config: { kind: 'event' as const, event: trigger, filters: [], key: 'cart_id' },
        next: { next: 'email' },
      },
      {
        id: 'email',
        type: 'send' as const,
        position,
        config: {
          channel: 'email' as const,
          templateId: f.templates.email,
          topic: '',
          purpose: 'transactional' as const,
        },
        next: { next: 'bought' },
      },
      {
        id: 'bought',
        type: 'waitForEvent' as const,
        position,
        config: { event: 'purchase', filters: [], matchTriggerKey: true, timeoutSeconds },
        next: { received: 'done', timeout: 'text' },
      },
      {
        id: 'text',
        type: 'send' as const,
        position,
        config: {
          channel: 'sms' as const,
          templateId: f.templates.sms,
          topic: '',
          purpose: 'transactional' as const,
        },
        next: { next: 'end' },
      },
      { id: 'done', type: 'goal' as const, position, config: {}, next: {} },
      { id: 'end', type: 'exit' as const, position, config: {}, next: {} },
    ],
  };
}

describe('the journey engine on Temporal', () => {
  it('enrols one instance per cart, sends the email with the cart’s items, then the SMS when no purchase comes', async () => {
    const journeyId = await f.journey('Abandoned cart', cartJourney('cart_abandoned', 2));
    const ana = await f.contact({ email: 'ana@example.org', phone: '+4915112345601', first_name: 'Ana' });
    await f.track(ana, 'cart_abandoned', {
      cart_id: 'C-1',
      items: [{ name: 'Blue mug' }, { name: 'Teapot' }],
    });
    // The same cart again while its instance runs, and a cart event without a cart id: no new instance.
    await f.track(ana, 'cart_abandoned', { cart_id: 'C-1', items: [] });
    await f.track(ana, 'cart_abandoned', { items: [] });
    await f.track(ana, 'cart_abandoned', { cart_id: 'C-2', items: [{ name: 'Spoon' }] });

    const mails = await f.until('two cart emails', async () => {
      const caught = f.peers.smtp.list(100).filter((m) => m.to.includes('ana@example.org'));
      return caught.length >= 2 && caught;
    });
    const subjects = mails.map((m) => m.subject).sort();
    expect(subjects).toEqual(['Your cart C-1', 'Your cart C-2']);
    const c1 = mails.find((m) => m.subject === 'Your cart C-1')!;
    expect(c1.html ?? c1.text).toContain('Blue mug; Teapot;');

    const texts = await f.until('two SMS after the wait', async () => {
      const sent = f.peers.sms.filter((s) => s.to === '+4915112345601');
      return sent.length >= 2 && sent;
    });
    expect(texts.map((t) => t.body).sort()).toEqual([
      'Hi Ana, cart C-1 is still here',
      'Hi Ana, cart C-2 is still here',
    ]);
    const instances = await f.until('both instances completed', async () => {
      const rows = await f.instances(journeyId);
      return rows.length === 2 && rows.every((r) => r.status === 'completed') && rows;
    });
    expect(instances.map((i) => i.key).sort()).toHaveLength(2);
    expect((await f.steps(instances[0]!.id)).map((s) => `${s.node_id}:${s.outcome}`)).toEqual([
      'email:reached',
      'email:sent',
      'bought:reached',
      'bought:timeout',
      'text:reached',
      'text:sent',
      'end:completed',
    ]);
    // Every send names its journey version and step on the ledger.
    const ledger = await f
      .em()
      .getConnection()
      .execute<{ journey_node: string; source_kind: string }[]>(
        `select journey_node, source_kind from messages where contact_id = ? order by created_at`,
        [ana],
      );
    expect(ledger.map((m) => m.journey_node)).toEqual(
      expect.arrayContaining(['email', 'email', 'text', 'text']),
    );
    expect(new Set(ledger.map((m) => m.source_kind))).toEqual(new Set(['journey']));

    // What the canvas and the contact's page show.
    const counts = await journeyCounts(f.em(), f.workspaceId, journeyId, {
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 1000),
    });
    expect(counts.totals).toMatchObject({ entered: 2, completed: 2, active: 0 });
    expect(counts.steps.email).toMatchObject({ reached: 2, outcomes: { sent: 2 }, waitingNow: 0 });
    expect(counts.steps.bought?.outcomes).toEqual({ timeout: 2 });
    const journeys = await contactJourneys(f.em(), f.workspaceId, ana);
    expect(journeys).toHaveLength(2);
    expect(journeys[0]).toMatchObject({ journeyName: 'Abandoned cart', status: 'completed', version: 1 });
    expect(journeys[0]!.history.map((h) => h.outcome)).toEqual(expect.arrayContaining(['sent', 'timeout']));
  }, 60_000);

  it('takes the received path when the same cart is bought, and ignores another cart’s purchase', async () => {
    const journeyId = await f.journey('Cart with purchase', cartJourney('cart_left', 20));
    const ben = await f.contact({ email: 'ben@example.org', phone: '+4915112345602', first_name: 'Ben' });
    await f.track(ben, 'cart_left', { cart_id: 'B-1', items: [{ name: 'Lamp' }] });
    const [instance] = await f.until('waiting for the purchase', async () => {
      const rows = await f.instances(journeyId);
      return rows[0]?.current_node === 'bought' && rows;
    });
    await f.track(ben, 'purchase', { cart_id: 'OTHER' });
    await f.track(ben, 'purchase', { cart_id: 'B-1', total: 30 });
    const done = await f.until('converted at the goal', async () => {
      const rows = await f.instances(journeyId);
      return rows[0]?.status === 'converted' && rows[0];
    });
    expect(done.current_node).toBe('done');
    expect((await f.steps(instance!.id)).map((s) => `${s.node_id}:${s.outcome}`)).toContain(
      'bought:received',
    );
    expect(f.peers.sms.filter((s) => s.to === '+4915112345602')).toHaveLength(0);
  }, 60_000);

  it('ends an instance at a journey-wide goal wherever it is', async () => {
    const journeyId = await f.journey(
      'Cart with a goal',
      cartJourney('basket_abandoned', 60, {
        goals: [
          { kind: 'event', event: 'order_completed', filters: [{ property: 'total', op: 'gt', value: 10 }] },
        ],
      }),
    );
    const cy = await f.contact({ email: 'cy@example.org', first_name: 'Cy' });
    await f.track(cy, 'basket_abandoned', { cart_id: 'Y-1' });
    await f.until('waiting', async () => (await f.instances(journeyId))[0]?.current_node === 'bought');
    await f.track(cy, 'order_completed', { total: 5 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await f.instances(journeyId))[0]?.status).toBe('active');
    await f.track(cy, 'order_completed', { total: 50 });
    const done = await f.until('converted', async () => {
      const [row] = await f.instances(journeyId);
      return row?.status === 'converted' && row;
    });
    expect(done.end_reason).toBe('Reached a goal of the journey');
    expect(done.current_node).toBe('bought');
  }, 60_000);

  it('enrols once when the same trigger event is dispatched twice (a re-read, a second dispatcher)', async () => {
    const journeyId = await f.journey('Cart dispatched twice', cartJourney('trolley_abandoned', 60));
    const di = await f.contact({ email: 'di@example.org', first_name: 'Di' });
    await f.track(di, 'trolley_abandoned', { cart_id: 'D-1' });
    const events = await f.em().getConnection().execute<
      {
        id: string;
        workspace_id: string;
        contact_id: string;
        name: string;
        properties: Record<string, unknown>;
      }[]
    >(`select id, workspace_id, contact_id, name, properties from events where contact_id = ? and name = 'trolley_abandoned'`, [di]);
    const again = events.map((e) => ({ ...e, id: Number(e.id) }));
    await Promise.all([
      new EventDispatch(f.temporal).handle(f.em(), again),
      new EventDispatch(f.temporal).handle(f.em(), again),
    ]);
    await f.until('the email', async () =>
      f.peers.smtp.list(100).some((m) => m.to.includes('di@example.org')),
    );
    expect(await f.instances(journeyId)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(f.peers.smtp.list(100).filter((m) => m.to.includes('di@example.org'))).toHaveLength(1);
  }, 60_000);

  it('keeps instances on the version they entered when a new version is published', async () => {
    const draft = (then: object) => ({
      settings: { reentry: { mode: 'always' } },
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'go' } },
        {
          id: 'go',
          type: 'waitForEvent',
          position,
          config: { event: 'go_ahead', timeoutSeconds: 600 },
          next: { received: 'then', timeout: 'end' },
        },
        { id: 'then', position, next: { next: 'end' }, ...then },
        { id: 'end', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const journeyId = await f.journey(
      'Versions',
      draft({ type: 'update', config: { kind: 'addTag', tag: 'v1' } }),
    );
    const early = await f.contact({ email: 'early@example.org' });
    await f.enrol(journeyId, early);
    await f.until(
      'v1 instance waiting',
      async () => (await f.instances(journeyId))[0]?.current_node === 'go',
    );
    await saveJourneyDraft(f.em(), f.workspaceId, journeyId, {
      draft: draft({ type: 'update', config: { kind: 'addTag', tag: 'v2' } }),
    });
    const published = await publishJourney(f.em(), f.workspaceId, fixtureActor, journeyId);
    expect(published.version).toBe(2);
    const late = await f.contact({ email: 'late@example.org' });
    await f.enrol(journeyId, late);
    await f.until(
      'v2 instance waiting',
      async () => (await f.instances(journeyId)).filter((i) => i.current_node === 'go').length === 2,
    );
    await f.track(early, 'go_ahead');
    await f.track(late, 'go_ahead');
    await f.until('both done', async () =>
      (await f.instances(journeyId)).every((i) => i.status === 'completed'),
    );
    const tags = await sql<{ id: string; tags: string[]; version: number }>(
      f.em(),
      `select c.id, c.tags, v.version from contacts c join journey_instances i on i.contact_id = c.id
         join journey_versions v on v.id = i.version_id where i.journey_id = ?`,
      [journeyId],
    );
    expect(tags.find((t) => t.id === early)).toMatchObject({ tags: ['v1'], version: 1 });
    expect(tags.find((t) => t.id === late)).toMatchObject({ tags: ['v2'], version: 2 });
  }, 60_000);

  it('refuses a webhook step to a private address and lets the contact go on', async () => {
    const journeyId = await f.journey('Webhook inside', {
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'hook' } },
        {
          id: 'hook',
          type: 'webhook',
          position,
          config: { url: 'http://169.254.169.254/latest/meta-data', timeoutSeconds: 2 },
          next: { next: 'end' },
        },
        { id: 'end', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const eve = await f.contact({ email: 'eve@example.org' });
    const instanceId = await f.enrol(journeyId, eve);
    await f.until('completed', async () => (await f.instances(journeyId))[0]?.status === 'completed');
    const [failed] = await sql<{ outcome: string; error: string }>(
      f.em(),
      `select outcome, detail->>'error' as error from journey_step_events where instance_id = ? and node_id = 'hook' and outcome = 'failed'`,
      [instanceId],
    );
    expect(failed?.error).toMatch(/169\.254\.169\.254.*not a public address/);
  }, 60_000);

  it('branches on attributes and segments, splits deterministically, and updates the contact', async () => {
    const journeyId = await f.journey('Branching', {
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'vip' } },
        {
          id: 'vip',
          type: 'branch',
          position,
          config: { kind: 'attribute', key: 'plan', op: 'eq', value: 'pro' },
          next: { yes: 'tagVip', no: 'split' },
        },
        {
          id: 'tagVip',
          type: 'update',
          position,
          config: { kind: 'addTag', tag: 'vip' },
          next: { next: 'end' },
        },
        {
          id: 'split',
          type: 'split',
          position,
          config: { percentages: [50, 50] },
          next: { a: 'stageA', b: 'stageB' },
        },
        {
          id: 'stageA',
          type: 'update',
          position,
          config: { kind: 'lifecycle', stage: 'mql' },
          next: { next: 'end' },
        },
        {
          id: 'stageB',
          type: 'update',
          position,
          config: { kind: 'attribute', key: 'group', value: 'b' },
          next: { next: 'end' },
        },
        { id: 'end', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const pro = await f.contact({ email: 'pro@example.org', attributes: { plan: 'PRO' } });
    const free = await Promise.all(
      Array.from({ length: 20 }, (_, i) => f.contact({ email: `free${i}@example.org` })),
    );
    for (const id of [pro, ...free]) await f.enrol(journeyId, id);
    await f.until('all done', async () => {
      const rows = await f.instances(journeyId);
      return rows.length === 21 && rows.every((r) => r.status === 'completed');
    });
    const rows = await sql<{
      id: string;
      tags: string[];
      lifecycle_stage: string;
      attributes: Record<string, unknown>;
    }>(f.em(), 'select id, tags, lifecycle_stage, attributes from contacts where id = any(?::uuid[])', [
      `{${[pro, ...free].join(',')}}`,
    ]);
    expect(rows.find((r) => r.id === pro)?.tags).toEqual(['vip']);
    const a = rows.filter((r) => r.lifecycle_stage === 'mql').length;
    const b = rows.filter((r) => r.attributes.group === 'b').length;
    expect(a + b).toBe(20);
    expect(a).toBeGreaterThan(3);
    expect(b).toBeGreaterThan(3);
    const [changed] = await sql<{ count: string }>(
      f.em(),
      `select count(*) from events where name = 'lifecycle_changed' and source = 'journey' and contact_id = any(?::uuid[])`,
      [`{${free.join(',')}}`],
    );
    expect(Number(changed?.count)).toBe(a);
  }, 60_000);

  it('moves instances to the survivor when contacts merge, ending a duplicate in the same journey', async () => {
    const journeyId = await f.journey('Merge', {
      settings: { reentry: { mode: 'always' } },
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'hold' } },
        {
          id: 'hold',
          type: 'waitForEvent',
          position,
          config: { event: 'let_go', timeoutSeconds: 600 },
          next: { received: 'end', timeout: 'end' },
        },
        { id: 'end', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const byMail = await f.contact({ email: 'merge.me@example.org' });
    const byPhone = await f.contact({ phone: '+4915112349999' });
    await f.enrol(journeyId, byMail);
    await f.enrol(journeyId, byPhone);
    await f.until(
      'both waiting',
      async () => (await f.instances(journeyId)).filter((i) => i.current_node === 'hold').length === 2,
    );
    const merged = await identifyContact(f.em(), f.workspaceId, {
      identities: { email: 'merge.me@example.org', phone: '+4915112349999' },
      profile: {},
      attributes: {},
      at: new Date(),
      actor: fixtureActor,
    });
    const survivor = merged.contact.id;
    const rows = await f.instances(journeyId);
    expect(rows.map((r) => r.contact_id)).toEqual([survivor, survivor]);
    expect(rows.filter((r) => r.status === 'active')).toHaveLength(1);
    expect(rows.find((r) => r.status === 'exited')?.end_reason).toBe(
      'Merged into a contact already in this journey',
    );
    await f.track(survivor, 'let_go');
    await f.until('the active one went on', async () =>
      (await f.instances(journeyId)).some((r) => r.status === 'completed'),
    );
  }, 60_000);
});
