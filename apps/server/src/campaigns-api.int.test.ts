import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSmtpEmailSender } from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import { recomputeWorkspace } from '@switchboard/segments';
import { startCampaignWorker } from '@switchboard/campaigns/testing';
import { TEST_PUBLIC_URL, TEST_TRACKING_SECRET, useTestApp } from './testing/test-app.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';
import { apiKeyWith, restClient, type RestAnswer } from './testing/rest-client.ts';

/**
 * A whole campaign driven through REST alone, as an integration would: contacts, a segment, a template published
 * past its checks, a campaign sent, followed to the end, reported on and its failures listed; then scheduling,
 * pause / resume / cancel — against the production campaign workflow and a real SMTP peer.
 */
const taskQueue = `rest-campaigns-${randomUUID()}`;
const t = await useTestApp({ taskQueue });
const email = createSmtpEmailSender({
  url: `smtp://127.0.0.1:${t.smtp.port}`,
  poolSize: 1,
  from: 'Acme <news@acme.test>',
});
const worker = await startCampaignWorker({
  db: t.database.db,
  channels: { email },
  email: {
    baseUrl: TEST_PUBLIC_URL,
    trackingSecret: TEST_TRACKING_SECRET,
    defaultFrom: 'Acme <news@acme.test>',
    inboundDomain: null,
  },
  smsStatusCallbackUrl: null,
  temporal: { client: t.temporal, queues: { taskQueue, chatTaskQueue: `${taskQueue}-wechat` } },
});
afterAll(async () => {
  await worker.stop();
  email.close();
});

const acme = await seedWorkspace(t.database.db, 'acme');
const other = await seedWorkspace(t.database.db, 'other');
const key = await apiKeyWith(t, acme.id, [
  'contacts:read',
  'contacts:write',
  'templates:read',
  'templates:write',
  'segments:read',
  'segments:write',
  'campaigns:read',
  'campaigns:send',
]);
const reader = await apiKeyWith(t, acme.id, ['campaigns:read', 'templates:read', 'segments:read']);
const outsider = await apiKeyWith(t, other.id, ['campaigns:read', 'templates:read', 'segments:read']);
const call = restClient(t);
const rest = (method: string, path: string, body?: unknown) => call(key, method, path, body);

const tag = `rest-${randomUUID().slice(0, 8)}`;
const readers = ['ana', 'bo', 'chen', 'dee'].map((name) => `${name}.${tag}@example.org`);

async function until(what: string, probe: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
const statusOf = async (id: string) => (await rest('GET', `/campaigns/${id}`)).body.campaign.status as string;
const expectStatus = (answer: RestAnswer, status: number) =>
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);

let segmentId = '';
let templateId = '';
let dee = '';

describe('campaigns through REST', () => {
  it('builds the audience and the content: contacts, a segment with its live count and members, a template published past its checks', async () => {
    for (const address of readers)
      expectStatus(
        await rest('POST', '/identify', { email: address, firstName: address.split('.')[0], tags: [tag] }),
        201,
      );
    // One of them said no to email: the campaign must hold their message back, and say so.
    dee = (await rest('GET', `/contacts/${encodeURIComponent(`email:${readers[3]}`)}`)).body.contact.id;
    expectStatus(
      await rest('POST', `/contacts/${encodeURIComponent(`email:${readers[3]}`)}/consents`, {
        channel: 'email',
        status: 'opted_out',
        source: 'api',
      }),
      201,
    );

    const unknownAttribute = await rest('POST', '/segments', {
      name: 'Nope',
      rules: {
        kind: 'group',
        match: 'all',
        conditions: [{ kind: 'attribute', key: 'no_such', op: 'eq', value: 1 }],
      },
    });
    expectStatus(unknownAttribute, 400);
    expect(Object.keys(unknownAttribute.body.error.fields)[0]).toMatch(/^rules/);
    const created = await rest('POST', '/segments', {
      name: 'REST readers',
      rules: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'has', value: tag }] },
    });
    expectStatus(created, 201);
    segmentId = created.body.segment.id;
    expectStatus(
      await rest('POST', '/segments', { name: 'REST readers', rules: created.body.segment.rules }),
      409,
    );
    // Counted live before any membership refresh has run; members follow the refresh.
    const segment = await rest('GET', `/segments/${segmentId}`);
    expect(segment.body.segment).toMatchObject({ name: 'REST readers', kind: 'dynamic', liveCount: 4 });
    await recomputeWorkspace(t.database.db.fork(), acme.id, true);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: RestAnswer = await rest(
        'GET',
        `/segments/${segmentId}/members?limit=3${after ? `&after=${after}` : ''}`,
      );
      expectStatus(page, 200);
      seen.push(...page.body.members.map((m: { email: string }) => m.email));
      after = page.body.next;
    } while (after);
    expect(seen.sort()).toEqual([...readers].sort());
    expect((await rest('GET', '/segments')).body.segments.map((s: { id: string }) => s.id)).toContain(
      segmentId,
    );

    const badDraft = await rest('POST', '/templates', {
      name: 'Broken',
      channel: 'email',
      format: 'mjml',
      draft: { subject: 42 },
    });
    expectStatus(badDraft, 400);
    expect(badDraft.body.error.fields).toHaveProperty(['draft.subject']);
    const template = await rest('POST', '/templates', {
      name: 'December news',
      channel: 'email',
      format: 'mjml',
      draft: {
        subject: 'News for {{ contact.first_name }}',
        fromName: 'Acme',
        fromAddress: 'news@acme.test',
        source: `<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ contact.first_name }}</mj-text>
          <mj-text>{{ workspace.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
          </mj-column></mj-section></mj-body></mjml>`,
      },
    });
    expectStatus(template, 201);
    templateId = template.body.template.id;
    expect(template.body.template.latestVersion).toBe(0);
    // The workspace has no postal address yet: publishing is refused and says which check.
    const blocked = await rest('POST', `/templates/${templateId}/publish`);
    expectStatus(blocked, 400);
    expect(blocked.body.error.fields).toHaveProperty(['checks.postal_address_missing']);
    await sql(t.database.db.fork(), `update workspaces set postal_address = 'Acme, 1 Main St' where id = ?`, [
      acme.id,
    ]);
    const published = await rest('POST', `/templates/${templateId}/publish`);
    expectStatus(published, 201);
    expect(published.body.version).toBe(1);
    const renamed = await rest('PUT', `/templates/${templateId}/draft`, {
      name: 'December news (v2 draft)',
      draft: { ...template.body.template.draft, subject: 'Changed after publishing' },
    });
    expectStatus(renamed, 200);
    const fetched = await rest('GET', `/templates/${templateId}`);
    expect(fetched.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(fetched.body.template.draft.subject).toBe('Changed after publishing');
  });

  it('sends a campaign and follows it to the report and its failures; a second send is refused', async () => {
    const bad = await rest('POST', '/campaigns', {
      name: 'No template',
      channel: 'email',
      segmentId,
      variants: [{ key: 'A', templateId: 'not-a-uuid' }],
    });
    expectStatus(bad, 400);
    expect(bad.body.error.fields).toHaveProperty(['variants.0.templateId']);

    const created = await rest('POST', '/campaigns', {
      name: 'December newsletter',
      channel: 'email',
      segmentId,
      variants: [{ key: 'A', templateId }],
    });
    expectStatus(created, 201);
    const id = created.body.campaign.id as string;
    expect(created.body.campaign).toMatchObject({ status: 'draft', variants: [{ templateVersion: 1 }] });

    const sent = await rest('POST', `/campaigns/${id}/send`);
    expectStatus(sent, 202);
    expect(['sending', 'sent']).toContain(sent.body.campaign.status);
    expectStatus(await rest('POST', `/campaigns/${id}/send`), 409);
    await until('the campaign to finish', async () => (await statusOf(id)) === 'sent');

    // The version published when the campaign was saved went out, not the draft edited since.
    const caught = t.smtp.list(100).filter((m) => m.to.includes(tag));
    expect(caught.map((m) => m.subject).sort()).toEqual(['News for ana', 'News for bo', 'News for chen']);
    const report = await rest('GET', `/campaigns/${id}/report`);
    expectStatus(report, 200);
    expect(report.body.report.audience).toBe(4);
    expect(report.body.report.counts).toMatchObject({ sent: 3, suppressed: 1, processed: 4 });
    const failures = await rest('GET', `/campaigns/${id}/failures?limit=1`);
    expect(failures.body.failures).toEqual([
      expect.objectContaining({
        status: 'suppressed',
        contactId: dee,
        code: 'consent_channel',
        reason: 'The contact opted out of email',
        retryable: false,
      }),
    ]);
    // The only failure: the last page says so; a page after it is empty.
    expect(failures.body.next).toBeNull();
    const afterLast = failures.body.failures[0].messageId as string;
    expect((await rest('GET', `/campaigns/${id}/failures?after=${afterLast}`)).body).toEqual({
      failures: [],
      next: null,
    });
    expect((await rest('POST', `/campaigns/${id}/retry-failed`)).body).toEqual({ retried: 0 });
    const listed = await rest('GET', '/campaigns?limit=1');
    expect(listed.body.campaigns[0]).toMatchObject({ id, sent: 3 });
  });

  it('schedules, pauses, resumes and cancels', async () => {
    const draft = async (name: string) =>
      (
        await rest('POST', '/campaigns', {
          name,
          channel: 'email',
          segmentId,
          variants: [{ key: 'A', templateId }],
        })
      ).body.campaign.id as string;

    const later = await draft('Christmas eve');
    const past = await rest('POST', `/campaigns/${later}/schedule`, {
      schedule: { mode: 'at', at: '2020-01-01T09:00:00Z' },
    });
    expectStatus(past, 400);
    expect(past.body.error.fields).toHaveProperty(['schedule.at']);
    const nowAsSchedule = await rest('POST', `/campaigns/${later}/schedule`, { schedule: { mode: 'now' } });
    expectStatus(nowAsSchedule, 400);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await rest('POST', `/campaigns/${later}/schedule`, { schedule: { mode: 'at', at } });
    expectStatus(scheduled, 202);
    expect(scheduled.body.campaign).toMatchObject({ status: 'scheduled', scheduledAt: at });
    expectStatus(await rest('POST', `/campaigns/${later}/cancel`), 200);
    await until(
      'the scheduled campaign to be cancelled',
      async () => (await statusOf(later)) === 'cancelled',
    );
    expectStatus(await rest('POST', `/campaigns/${later}/resume`), 409);

    // A local-time send an hour from now: it starts, snapshots the audience and waits for each recipient's hour.
    const local = await draft('Morning hello');
    const due = new Date(Date.now() + 3_600_000);
    const sending = await rest('POST', `/campaigns/${local}/schedule`, {
      schedule: {
        mode: 'localTime',
        date: due.toISOString().slice(0, 10),
        time: due.toISOString().slice(11, 16),
      },
    });
    expectStatus(sending, 202);
    await until('the audience snapshot', async () => {
      const campaign = (await rest('GET', `/campaigns/${local}`)).body.campaign;
      return campaign.progress?.total === 4;
    });
    const paused = await rest('POST', `/campaigns/${local}/pause`);
    expectStatus(paused, 200);
    expect(paused.body.campaign.status).toBe('paused');
    await until('the workflow to see the pause', async () => {
      const campaign = (await rest('GET', `/campaigns/${local}`)).body.campaign;
      return campaign.progress?.paused === true;
    });
    expectStatus(await rest('POST', `/campaigns/${local}/resume`), 200);
    await until('sending to resume', async () => (await statusOf(local)) === 'sending');
    expectStatus(await rest('POST', `/campaigns/${local}/cancel`), 200);
    await until('the campaign to be cancelled', async () => (await statusOf(local)) === 'cancelled');
    expect((await rest('GET', `/campaigns/${local}/report`)).body.report.counts.sent).toBe(0);
  });

  it('asks for the right scope and keeps other workspaces out', async () => {
    const [campaign] = (await rest('GET', '/campaigns')).body.campaigns as { id: string }[];
    const refused = await call(reader, 'POST', '/campaigns', { name: 'x' });
    expectStatus(refused, 403);
    expect(refused.body.error.message).toContain('campaigns:send');
    expectStatus(await call(reader, 'POST', `/templates/${templateId}/publish`), 403);
    expectStatus(await call(reader, 'POST', '/segments', { name: 'x' }), 403);
    expectStatus(await call(reader, 'GET', `/campaigns/${campaign!.id}`), 200);
    for (const path of [
      `/campaigns/${campaign!.id}`,
      `/campaigns/${campaign!.id}/report`,
      `/campaigns/${campaign!.id}/failures`,
      `/templates/${templateId}`,
      `/segments/${segmentId}`,
      `/segments/${segmentId}/members`,
    ])
      expectStatus(await call(outsider, 'GET', path), 404);
    expect((await call(outsider, 'GET', '/campaigns')).body.campaigns).toEqual([]);
    expect((await call(outsider, 'GET', '/templates')).body.templates).toEqual([]);
    expectStatus(await rest('GET', '/campaigns/not-a-uuid'), 404);
  });
});
