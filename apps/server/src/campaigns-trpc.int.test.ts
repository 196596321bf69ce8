import { describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const other = await seedWorkspace(t.database.db, 'other');
const browser = (email: string) => TestBrowser.signedIn(t.app, email);
const marketer = await browser(acme.users.marketer.email);
const agent = await browser(acme.users.agent.email);
const analyst = await browser(acme.users.analyst.email);
const outsider = await browser(other.users.owner.email);
const data = <T>(res: { body: { result?: { data: T } } }) => res.body.result!.data;
const fieldOf = (res: { body: unknown }) => JSON.stringify(res.body);

describe('templates and campaigns over tRPC', () => {
  it('creates, previews and publishes a template; publishing waits for a postal address', async () => {
    const created = data(
      await marketer.mutate<{ id: string; draft: Record<string, unknown> }>('templates.create', {
        name: 'Welcome',
        channel: 'email',
      }),
    );
    await marketer.mutate('templates.saveDraft', {
      id: created.id,
      draft: { ...created.draft, subject: 'Welcome aboard', fromAddress: 'news@acme.test' },
    });
    const preview = data(
      await marketer.mutate<{ findings: { code: string; level: string }[] }>('templates.preview', {
        id: created.id,
      }),
    );
    expect(preview.findings).toContainEqual(
      expect.objectContaining({ code: 'postal_address_missing', level: 'block' }),
    );
    const blocked = await marketer.mutate('templates.publish', { id: created.id });
    expect(blocked.status).toBe(400);
    expect(fieldOf(blocked)).toContain('checks.postal_address_missing');

    await sql(t.database.db.fork(), `update workspaces set postal_address = 'Acme, 1 Main St' where id = ?`, [
      acme.id,
    ]);
    const published = data(
      await marketer.mutate<{ version: number }>('templates.publish', { id: created.id }),
    );
    expect(published.version).toBe(1);
    // Analysts read, agents may not edit, other workspaces see nothing.
    expect((await analyst.query('templates.list')).status).toBe(200);
    expect((await agent.mutate('templates.publish', { id: created.id })).status).toBe(403);
    expect((await outsider.query('templates.get', { id: created.id })).status).toBe(404);
  });

  it('sends a test of the rendered template to chosen addresses', async () => {
    const created = data(
      await marketer.mutate<{ id: string; draft: Record<string, unknown> }>('templates.create', {
        name: 'Test me',
        channel: 'email',
      }),
    );
    const draft = { ...created.draft, subject: 'Hello {{ contact.first_name | default: "tester" }}' };
    const before = t.smtp.count();
    const sent = data(
      await marketer.mutate<{ sent: number }>('templates.sendTest', {
        id: created.id,
        draft,
        addresses: ['one@acme.test', 'two@acme.test'],
      }),
    );
    expect(sent.sent).toBe(2);
    await expect.poll(() => t.smtp.count(), { timeout: 10_000 }).toBe(before + 2);
    expect(t.smtp.list(2).map((m) => m.subject)).toEqual(['[Test] Hello tester', '[Test] Hello tester']);
    const bad = await marketer.mutate('templates.sendTest', {
      id: created.id,
      addresses: ['not-an-address'],
    });
    expect(bad.status).toBe(400);
  });

  it('names the field of a bad campaign, and keeps campaigns and their exports inside the workspace', async () => {
    const segment = data(
      await marketer.mutate<{ id: string }>('segments.create', {
        name: 'Everyone',
        rules: { kind: 'group', match: 'all', conditions: [] },
      }),
    );
    const unpublished = data(
      await marketer.mutate<{ id: string }>('templates.create', { name: 'Draft only', channel: 'email' }),
    );
    const bad = await marketer.mutate('campaigns.create', {
      name: 'Too early',
      channel: 'email',
      segmentId: segment.id,
      variants: [{ key: 'A', templateId: unpublished.id }],
    });
    expect(bad.status).toBe(400);
    expect(fieldOf(bad)).toContain('variants.0.templateId');
    const noName = await marketer.mutate('campaigns.create', {
      channel: 'email',
      segmentId: segment.id,
      variants: [],
    });
    expect(noName.status).toBe(400);
    expect(fieldOf(noName)).toContain('name');

    const [template] = data(
      await marketer.query<{ id: string; latestVersion: number }[]>('templates.list'),
    ).filter((x) => x.latestVersion > 0);
    const campaign = data(
      await marketer.mutate<{ id: string; status: string }>('campaigns.create', {
        name: 'Draft campaign',
        channel: 'email',
        segmentId: segment.id,
        variants: [{ key: 'A', templateId: template!.id }],
      }),
    );
    expect(campaign.status).toBe('draft');
    expect((await agent.mutate('campaigns.send', { id: campaign.id })).status).toBe(403);
    expect((await outsider.query('campaigns.get', { id: campaign.id })).status).toBe(404);
    expect((await outsider.get(`/exports/campaigns/${campaign.id}.csv`)).status).toBe(404);
    const csv = await marketer.get(`/exports/campaigns/${campaign.id}.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe(
      'message_id,contact_id,address,variant,due_at,due_because,status,sent_at,error\r\n',
    );
  });
});
