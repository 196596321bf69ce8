import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact, sql } from '@switchboard/contacts';
import { startJourneyFixture, fixtureActor, type JourneyFixture } from '../testing/journey-fixture.ts';
import { publishJourney, saveJourneyDraft } from '../store/journey-store.ts';

/** What steps do to contacts, and what happens to instances when versions change and contacts merge. */
let f: JourneyFixture;
beforeAll(async () => {
  f = await startJourneyFixture();
}, 120_000);
afterAll(() => f?.stop());

const position = { x: 0, y: 0 };

describe('journey steps and instances on Temporal', () => {
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

  it('opens an inbox task for the contact’s owner: a note in a new SMS conversation, once, with a link in the owner’s notification', async () => {
    const ownerId = randomUUID();
    await sql(
      f.em(),
      `insert into users (id, email, name, password_hash, created_at) values (?, ?, 'Olga Owner', 'x', now())`,
      [ownerId, `olga-${ownerId.slice(0, 8)}@example.org`],
    );
    await sql(
      f.em(),
      `insert into memberships (id, workspace_id, user_id, role, created_at) values (?, ?, ?, 'agent', now())`,
      [randomUUID(), f.workspaceId, ownerId],
    );
    const journeyId = await f.journey('Call back', {
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'task' } },
        {
          id: 'task',
          type: 'inboxTask',
          position,
          config: { note: 'Call her about the broken zip' },
          next: { next: 'end' },
        },
        { id: 'end', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const contactId = await f.contact({ phone: '+12125550161', first_name: 'Ines' });
    await sql(f.em(), 'update contacts set owner_id = ? where id = ?', [ownerId, contactId]);
    await f.enrol(journeyId, contactId);
    await f.until('the instance done', async () =>
      (await f.instances(journeyId)).every((i) => i.status === 'completed'),
    );
    const conversations = await sql<{ id: string; channel: string; assignee_id: string; status: string }>(
      f.em(),
      'select id, channel, assignee_id, status from conversations where contact_id = ?',
      [contactId],
    );
    expect(conversations).toEqual([
      { id: expect.any(String), channel: 'sms', assignee_id: ownerId, status: 'open' },
    ]);
    const notes = await sql<{ body: string; detail: Record<string, unknown> }>(
      f.em(),
      `select body, detail from conversation_entries where conversation_id = ? and kind = 'note'`,
      [conversations[0]!.id],
    );
    expect(notes).toEqual([
      {
        body: 'Call her about the broken zip',
        detail: expect.objectContaining({
          task: true,
          kind: 'journey',
          journeyName: 'Call back',
          step: 'task',
        }),
      },
    ]);
    const [notification] = await sql<{ link: string; user_id: string }>(
      f.em(),
      `select link, user_id from notifications where kind = 'inbox_task' and user_id = ?`,
      [ownerId],
    );
    expect(notification?.link).toBe(`/inbox?view=all&conversation=${conversations[0]!.id}`);
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
