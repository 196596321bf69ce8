import { describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import type { JourneyGraph, JourneyView } from '@switchboard/journeys';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const other = await seedWorkspace(t.database.db, 'other');
await sql(t.database.db.fork(), `update workspaces set postal_address = 'Acme, 1 Main St' where id = ?`, [
  acme.id,
]);
const browser = (email: string) => TestBrowser.signedIn(t.app, email);
const marketer = await browser(acme.users.marketer.email);
const agent = await browser(acme.users.agent.email);
const analyst = await browser(acme.users.analyst.email);
const outsider = await browser(other.users.owner.email);
const data = <T>(res: { status: number; body: { result?: { data: T } } }) => {
  if (!res.body.result) throw new Error(`expected data, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.result.data;
};

async function publishedTemplate(channel: 'email' | 'sms' | 'wechat') {
  const created = data(
    await marketer.mutate<{ id: string; draft: Record<string, unknown> }>('templates.create', {
      name: `Cart ${channel}`,
      channel,
    }),
  );
  if (channel === 'email')
    data(
      await marketer.mutate('templates.saveDraft', {
        id: created.id,
        draft: { ...created.draft, subject: 'You left something in your cart' },
      }),
    );
  data(await marketer.mutate('templates.publish', { id: created.id }));
  return created.id;
}

describe('journeys over tRPC', () => {
  it('starts from a recipe, shows its problems on the steps, publishes versions and says what changed', async () => {
    const recipes = data(await analyst.query<{ key: string }[]>('journeys.recipes'));
    expect(recipes.map((r) => r.key)).toEqual(
      expect.arrayContaining(['welcome', 'abandonedCart', 'leadNurturing', 'reEngagement', 'postPurchase']),
    );

    const journey = data(
      await marketer.mutate<JourneyView>('journeys.create', {
        name: 'Abandoned cart',
        recipe: 'abandonedCart',
      }),
    );
    expect(journey.status).toBe('draft');
    expect(journey.problems).toEqual(
      ['email', 'sms', 'wechat'].map((nodeId) => ({
        nodeId,
        code: 'noTemplate',
        params: {},
        message: 'Choose a template for this message',
      })),
    );
    const refused = await marketer.mutate('journeys.publish', { id: journey.id });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('draft.nodes.email');

    const templates = {
      email: await publishedTemplate('email'),
      sms: await publishedTemplate('sms'),
      wechat: await publishedTemplate('wechat'),
    };
    const draft: JourneyGraph = structuredClone(journey.draft);
    for (const node of draft.nodes)
      if (node.type === 'send') node.config.templateId = templates[node.config.channel];
    const saved = data(await marketer.mutate<JourneyView>('journeys.saveDraft', { id: journey.id, draft }));
    expect(saved.problems).toEqual([]);

    const first = data(
      await marketer.mutate<{ version: number; changes: string[] }>('journeys.publish', { id: journey.id }),
    );
    expect(first).toMatchObject({ version: 1, changes: ['First version: everything is new'] });
    const [pinned] = await sql<{ template_versions: Record<string, string> }>(
      t.database.db.fork(),
      'select template_versions from journey_versions where journey_id = ? and version = 1',
      [journey.id],
    );
    expect(Object.keys(pinned!.template_versions).sort()).toEqual(Object.values(templates).sort());

    // Editing the live journey publishes a new version; version 1 stays as it was for those inside it.
    const wait = draft.nodes.find((n) => n.id === 'bought1')!;
    if (wait.type === 'waitForEvent') wait.config.timeoutSeconds = 3_600;
    data(await marketer.mutate('journeys.saveDraft', { id: journey.id, draft }));
    const second = data(
      await marketer.mutate<{ version: number; changes: string[] }>('journeys.publish', { id: journey.id }),
    );
    expect(second).toEqual(
      expect.objectContaining({ version: 2, changes: ['Changed wait for an event (bought1)'] }),
    );
    const versions = await sql<{ version: number; timeout: number }>(
      t.database.db.fork(),
      `select version, (select (n -> 'config' ->> 'timeoutSeconds')::int from jsonb_array_elements(graph -> 'nodes') n
         where n ->> 'id' = 'bought1') as timeout from journey_versions where journey_id = ? order by version`,
      [journey.id],
    );
    expect(versions).toEqual([
      { version: 1, timeout: 2 * 86_400 },
      { version: 2, timeout: 3_600 },
    ]);

    const list = data(
      await analyst.query<{ id: string; status: string; liveVersion: number }[]>('journeys.list'),
    );
    expect(list).toEqual([expect.objectContaining({ id: journey.id, status: 'live', liveVersion: 2 })]);
  });

  it('pauses, resumes and archives; an archived journey is not changed', async () => {
    const journey = data(await marketer.mutate<JourneyView>('journeys.create', { name: 'Short lived' }));
    expect((await marketer.mutate('journeys.setStatus', { id: journey.id, action: 'pause' })).status).toBe(
      409,
    );
    const archived = data(
      await marketer.mutate<JourneyView>('journeys.setStatus', { id: journey.id, action: 'archive' }),
    );
    expect(archived.status).toBe('archived');
    expect((await marketer.mutate('journeys.publish', { id: journey.id })).status).toBe(409);
    expect(
      (await marketer.mutate('journeys.saveDraft', { id: journey.id, draft: journey.draft })).status,
    ).toBe(409);
  });

  it('refuses a malformed draft naming the field, agents cannot build journeys, and other workspaces see none', async () => {
    const journey = data(await marketer.mutate<JourneyView>('journeys.create', { name: 'Shapes' }));
    const bad = await marketer.mutate('journeys.saveDraft', {
      id: journey.id,
      draft: {
        nodes: [{ id: 'x', type: 'wait', config: { mode: 'duration', seconds: -5 }, next: { next: null } }],
      },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.data.fieldErrors ?? {})[0]).toBe('draft.nodes.0.config.seconds');
    expect((await agent.mutate('journeys.create', { name: 'Nope' })).status).toBe(403);
    expect((await outsider.query('journeys.get', { id: journey.id })).status).toBe(404);
    expect(JSON.stringify(data(await outsider.query('journeys.list')))).not.toContain(journey.id);
  });
});
