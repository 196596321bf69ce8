import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, useTestDatabase } from '@switchboard/testkit';
import { sql } from '@switchboard/contacts';
import { enqueueMessage } from '@switchboard/messaging';
import { templateReport } from './template-report.ts';
import { overviewFor, templateReportFor } from './attribution-request.ts';

const database = await useTestDatabase();
const em = () => database.db.fork();
let workspaceId = '';
let contactId = '';
const templateId = randomUUID();
const otherTemplateId = randomUUID();
const versions = { v1: randomUUID(), v2: randomUUID(), other: randomUUID() };
const campaignId = randomUUID();
const journeyId = randomUUID();
const period = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

async function template(id: string, name: string, versionIds: string[]) {
  await sql(
    em(),
    `insert into templates (id, workspace_id, name, channel, format, draft, latest_version, created_at, updated_at)
     values (?, ?, ?, 'email', 'html', '{}'::jsonb, ?, now(), now())`,
    [id, workspaceId, name, versionIds.length],
  );
  for (const [i, versionId] of versionIds.entries())
    await sql(
      em(),
      `insert into template_versions (id, workspace_id, template_id, version, channel, content, source, warnings,
         published_at)
       values (?, ?, ?, ?, 'email', '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, now())`,
      [versionId, workspaceId, id, i + 1],
    );
}

/** A message written the way the send paths write them (the ledger's own insert), then sent at `sentAt`. */
async function sent(
  versionId: string,
  source: { kind: 'campaign' | 'journey' | 'api'; id?: string; node?: string },
  sentAt: string,
  events: string[] = [],
) {
  const { message } = await enqueueMessage(em(), {
    workspaceId,
    contactId,
    idempotencyKey: `template-report:${randomUUID()}`,
    sourceKind: source.kind,
    sourceId: source.id ?? null,
    channel: 'email',
    purpose: 'marketing',
    content: { kind: 'template', versionId },
  });
  await sql(em(), `update messages set status = 'sent', sent_at = ?, journey_node = ? where id = ?`, [
    sentAt,
    source.node ?? null,
    message.id,
  ]);
  for (const kind of events)
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, ?, false, ?)`,
      [workspaceId, message.id, kind, sentAt],
    );
}

beforeAll(async () => {
  workspaceId = await createTestWorkspace(database.db);
  contactId = randomUUID();
  await sql(
    em(),
    `insert into contacts (id, workspace_id, email, attributes, tags, created_at, updated_at)
     values (?, ?, 'ana@example.org', '{}'::jsonb, '{}', now(), now())`,
    [contactId, workspaceId],
  );
  await template(templateId, 'Welcome email', [versions.v1, versions.v2]);
  await template(otherTemplateId, 'Newsletter', [versions.other]);
  await sql(
    em(),
    `insert into campaigns (id, workspace_id, name, channel, variants, schedule, created_at, updated_at)
     values (?, ?, 'Spring sale', 'email', '[]'::jsonb, '{}'::jsonb, now(), now())`,
    [campaignId, workspaceId],
  );
  await sql(
    em(),
    `insert into journeys (id, workspace_id, name, status, draft, created_at, updated_at)
     values (?, ?, 'Onboarding', 'live', '{}'::jsonb, now(), now())`,
    [journeyId, workspaceId],
  );
  // Version 1 by the campaign (one opened and clicked), version 2 by the journey's step and by the API.
  await sent(versions.v1, { kind: 'campaign', id: campaignId }, '2026-11-03T10:00:00Z', [
    'opened',
    'clicked',
  ]);
  await sent(versions.v1, { kind: 'campaign', id: campaignId }, '2026-11-03T10:00:01Z');
  await sent(versions.v2, { kind: 'journey', id: journeyId, node: 'welcome' }, '2026-11-20T08:00:00Z', [
    'opened',
  ]);
  await sent(versions.v2, { kind: 'api' }, '2026-11-21T08:00:00Z');
  // Not this report's: another template, and this one before the period.
  await sent(versions.other, { kind: 'campaign', id: campaignId }, '2026-11-03T10:00:02Z');
  await sent(versions.v1, { kind: 'campaign', id: campaignId }, '2026-10-20T10:00:00Z');
}, 60_000);

describe('templateReport', () => {
  it('counts a template’s messages from every campaign, journey step and API send, per version and per use', async () => {
    const report = (await templateReport(em(), workspaceId, templateId, period))!;
    expect(report.template).toEqual({ id: templateId, name: 'Welcome email', channel: 'email' });
    expect(report.totals).toMatchObject({ sent: 4, delivered: 4, humanOpens: 2, uniqueClicks: 1, clicks: 1 });
    expect(report.versions.map((v) => [v.version, v.counts.sent, v.counts.humanOpens])).toEqual([
      [2, 2, 1],
      [1, 2, 1],
    ]);
    expect(report.uses.map((u) => [u.label, u.counts.sent])).toEqual([
      ['Spring sale', 2],
      ['api', 1],
      ['Onboarding › welcome', 1],
    ]);
    expect(report.uses.map((u) => u.key)).toContain(`journey:${journeyId}:welcome`);
    // One point per day of November; the campaign's day holds its two.
    expect(report.series).toHaveLength(30);
    expect(report.series.find((d) => d.day === '2026-11-03')).toEqual({
      day: '2026-11-03',
      sent: 2,
      delivered: 2,
      opened: 1,
      clicked: 1,
    });
  });

  it('counts days in the workspace’s time zone: 20:00 UTC on 20 November is the 21st in Shanghai', async () => {
    await sql(
      em(),
      `insert into messaging_policies (workspace_id, default_timezone, updated_at) values (?, 'Asia/Shanghai', now())
       on conflict (workspace_id) do update set default_timezone = 'Asia/Shanghai'`,
      [workspaceId],
    );
    try {
      // The journey's send went at 08:00 UTC on the 20th (16:00 in Shanghai), the API's at 08:00 UTC on the 21st.
      await sent(versions.v2, { kind: 'api' }, '2026-11-20T20:00:00Z');
      const day21 = (await templateReportFor(em(), workspaceId, {
        templateId,
        from: '2026-11-21',
        to: '2026-11-21',
      }))!;
      expect(day21.timeZone).toBe('Asia/Shanghai');
      expect(day21.period).toEqual({ from: '2026-11-20T16:00:00.000Z', to: '2026-11-21T16:00:00.000Z' });
      expect(day21.totals.sent).toBe(2);
      expect(day21.series).toEqual([{ day: '2026-11-21', sent: 2, delivered: 2, opened: 0, clicked: 0 }]);
      const overview = await overviewFor(em(), workspaceId, { from: '2026-11-20', to: '2026-11-21' });
      expect(overview.series.map((d) => [d.day, d.sent])).toEqual([
        ['2026-11-20', 1],
        ['2026-11-21', 2],
      ]);
    } finally {
      await sql(em(), `update messaging_policies set default_timezone = 'UTC' where workspace_id = ?`, [
        workspaceId,
      ]);
    }
  });

  it('is not found for another workspace', async () => {
    const stranger = await createTestWorkspace(database.db);
    expect(await templateReport(em(), stranger, templateId, period)).toBeNull();
  });
});
