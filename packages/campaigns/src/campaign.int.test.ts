import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { Actor } from '@switchboard/accounts';
import { createSmtpEmailSender, type EmailSender } from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import { createTemplate, publishTemplate, saveDraft, starterDocument } from '@switchboard/content';
import { messageToken, recordOpen } from '@switchboard/messaging';
import { startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import { addToStaticList, findOrCreateStaticList } from '@switchboard/segments';
import { temporalAddress, useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { createCampaignActivities, type CampaignActivityDeps } from './activities/campaign-activities.ts';
import { temporalCampaignControl, type CampaignControl } from './campaign-control.ts';
import { campaignReport, failedRecipients } from './report/campaign-report.ts';
import {
  controlCampaign,
  createCampaign,
  getCampaign,
  sendCampaign,
  chooseWinner,
} from './store/campaign-store.ts';
import { startCampaignWorker } from './testing/campaign-worker.ts';
import { startDueCampaigns } from './scheduling/start-due-campaigns.ts';

const actor: Actor = { type: 'cli', id: null, label: 'campaign test' };
const taskQueue = `campaigns-${randomUUID()}`;
let database: TestDatabase;
let peers: SandboxPeers;
let email: EmailSender;
let deps: CampaignActivityDeps;
let worker: { stop(): Promise<void> };
let control: CampaignControl;
let connection: Connection;
let workspaceId: string;
let templateId: string;
const em = () => database.db.fork();
// The gate's quiet hours follow the clock; tests run at any hour, so the gate sees a fixed weekday afternoon.
const started = Date.now();
const afternoon = () => new Date(Date.parse('2026-11-25T14:00:00Z') + (Date.now() - started));

async function audience(name: string, count: number) {
  const tag = `t${randomUUID().slice(0, 8)}`;
  await sql(
    em(),
    `insert into contacts (id, workspace_id, email, first_name, tags, created_at, updated_at)
     select gen_random_uuid(), ?, ? || '-' || i || '@example.org', 'Reader' || i, array[?]::text[], now(), now()
     from generate_series(1, ?) as i`,
    [workspaceId, tag, tag, count],
  );
  const listId = await findOrCreateStaticList(em(), workspaceId, name, actor);
  await addToStaticList(em(), workspaceId, listId, { where: '? = any(tags)', params: [tag] });
  return { listId, tag };
}

const caughtFor = (tag: string) => peers.smtp.list(100_000).filter((m) => m.to.includes(`${tag}-`));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  database = await useTestDatabase();
  peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  workspaceId = randomUUID();
  await sql(
    em(),
    `insert into workspaces (id, slug, name, postal_address, default_locale, created_at)
     values (?, ?, 'Acme Shop', 'Acme GmbH, Hauptstraße 1, 10115 Berlin', 'en', now())`,
    [workspaceId, `acme-${workspaceId.slice(0, 8)}`],
  );
  email = createSmtpEmailSender({ url: peers.smtpUrl, poolSize: 2, from: 'Acme <news@acme.example>' });
  connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  deps = {
    db: database.db,
    channels: { email },
    email: {
      baseUrl: 'https://sb.acme.example',
      trackingSecret: 'campaign-test-tracking-secret-'.padEnd(48, 'c'),
      defaultFrom: 'Acme <news@acme.example>',
      inboundDomain: null,
    },
    smsStatusCallbackUrl: null,
    now: afternoon,
    temporal: { client, queues: { taskQueue, chatTaskQueue: `${taskQueue}-wechat` } },
  };
  worker = await startCampaignWorker(deps);
  control = temporalCampaignControl(client, taskQueue);

  const template = await createTemplate(em(), workspaceId, actor, {
    name: 'Winter sale',
    channel: 'email',
    format: 'blocks',
  });
  templateId = template.id;
  await saveDraft(em(), workspaceId, templateId, {
    draft: {
      subject: 'Winter sale for {{ contact.first_name }}',
      preheader: 'Twenty percent off',
      fromName: 'Acme',
      fromAddress: 'news@acme.example',
      document: starterDocument(),
    },
  });
  await publishTemplate(em(), workspaceId, actor, templateId);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await connection?.close();
  email?.close();
  await peers?.stop();
});

describe('campaigns on Temporal', () => {
  it('sends an A/B test on subject, then the chosen winner to the rest: one message per recipient', async () => {
    const { listId, tag } = await audience('A/B readers', 40);
    const campaign = await createCampaign(em(), workspaceId, actor, {
      name: 'Winter A/B',
      channel: 'email',
      segmentId: listId,
      variants: [
        { key: 'A', templateId, subject: 'Winter sale: 20% off' },
        { key: 'B', templateId, subject: '{{ contact.first_name }}, your winter discount' },
      ],
      abTest: { field: 'subject', testShare: 0.5, windowMinutes: 240, metric: 'opens' },
    });
    await sendCampaign(em(), control, workspaceId, actor, campaign.id);

    // The test groups (half of 40, split evenly) go out, then the campaign waits for its four-hour window.
    await until('the test groups', async () => caughtFor(tag).length === 20);
    const testSubjects = caughtFor(tag).map((m) => m.subject);
    expect(testSubjects.filter((s) => s === 'Winter sale: 20% off')).toHaveLength(10);
    expect(testSubjects.filter((s) => s.endsWith(', your winter discount'))).toHaveLength(10);
    expect((await getCampaign(em(), workspaceId, campaign.id)).status).toBe('testing');

    // The marketer does not wait: B goes to the rest by hand.
    await chooseWinner(em(), control, workspaceId, actor, campaign.id, 'B');
    await until(
      'the campaign to finish',
      async () => (await getCampaign(em(), workspaceId, campaign.id)).status === 'sent',
    );
    const caught = caughtFor(tag);
    expect(caught).toHaveLength(40);
    expect(new Set(caught.map((m) => m.to)).size).toBe(40);
    expect(caught.filter((m) => m.subject.endsWith(', your winter discount'))).toHaveLength(30);
    const finished = await getCampaign(em(), workspaceId, campaign.id);
    expect(finished).toMatchObject({ winner: 'B', audienceSize: 40 });
    expect(finished.decision).toMatchObject({ decidedBy: 'manual', winner: 'B' });

    const report = await campaignReport(em(), workspaceId, campaign.id);
    expect(report.counts).toMatchObject({ sent: 40, failed: 0, suppressed: 0 });
    expect(report.variants.map((v) => [v.key, v.sent])).toEqual([
      ['A', 10],
      ['B', 10],
    ]);
    // No contact data in the workflow's history: only ids and counters.
    const history = await deps.temporal.client.workflow.getHandle(`campaign-${campaign.id}`).fetchHistory();
    const serialised = JSON.stringify(history);
    expect(serialised).not.toContain('@example.org');
    expect(serialised).not.toContain('Reader');
  }, 120_000);

  it('decides the winner from human opens when the window closes', async () => {
    const { listId } = await audience('Open test readers', 20);
    const campaign = await createCampaign(em(), workspaceId, actor, {
      name: 'Opens decide',
      channel: 'email',
      segmentId: listId,
      variants: [
        { key: 'A', templateId, subject: 'Plain subject' },
        { key: 'B', templateId, subject: 'Curious subject' },
      ],
      abTest: { field: 'subject', testShare: 0.5, windowMinutes: 60, metric: 'opens' },
    });
    const activities = createCampaignActivities(deps);
    const prepared = await activities.prepareCampaign(campaign.id);
    expect(prepared).toMatchObject({ total: 20, testGroupSize: 10 });
    const batch = await activities.sendCampaignBatch({
      campaignId: campaign.id,
      from: 0,
      to: prepared.testGroupSize,
    });
    expect(batch).toMatchObject({ processedTo: 10, sent: 10, waitUntil: null });
    // Sending the same range again (a retried activity) sends nothing more.
    const countBefore = peers.smtp.count();
    expect(await activities.sendCampaignBatch({ campaignId: campaign.id, from: 0, to: 10 })).toMatchObject({
      sent: 0,
    });
    expect(peers.smtp.count()).toBe(countBefore);

    const messages = await sql<{ id: string; subject: string }>(
      em(),
      `select id, subject from messages where source_kind = 'campaign' and source_id = ?`,
      [campaign.id],
    );
    const secret = deps.email.trackingSecret;
    const later = new Date(afternoon().getTime() + 10 * 60_000);
    const hit = { method: 'GET', ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (iPhone)', at: later };
    for (const message of messages.filter((m) => m.subject === 'Curious subject').slice(0, 3))
      await recordOpen(em(), secret, messageToken(secret, 'open', message.id), hit);
    const plain = messages.find((m) => m.subject === 'Plain subject')!;
    // A machine open (a link scanner's HEAD request) does not count.
    await recordOpen(em(), secret, messageToken(secret, 'open', plain.id), { ...hit, method: 'HEAD' });

    expect(await activities.decideCampaignWinner({ campaignId: campaign.id, manualWinner: null })).toBe('B');
    const decided = await getCampaign(em(), workspaceId, campaign.id);
    expect(decided.decision).toMatchObject({ winner: 'B', decidedBy: 'automatic', metric: 'opens' });
    expect(decided.decision?.variants.map((v) => [v.key, v.successes])).toEqual([
      ['A', 0],
      ['B', 3],
    ]);
  }, 60_000);

  it('pauses between batches, resumes, and cancels with nothing more sent', async () => {
    const { listId, tag } = await audience('Pause readers', 200);
    const campaign = await createCampaign(em(), workspaceId, actor, {
      name: 'Pausable',
      channel: 'email',
      segmentId: listId,
      variants: [{ key: 'A', templateId }],
    });
    await sql(em(), `update campaigns set status = 'sending' where id = ?`, [campaign.id]);
    await deps.temporal.client.workflow.start('campaignWorkflow', {
      workflowId: `campaign-${campaign.id}`,
      taskQueue,
      args: [{ version: 1, campaignId: campaign.id, batchSize: 2, parallelBatches: 1 }],
    });
    await controlCampaign(em(), control, workspaceId, actor, campaign.id, 'pause');
    await until(
      'the pause to take effect',
      async () => (await getCampaign(em(), workspaceId, campaign.id)).status === 'paused',
    );
    const whilePaused = caughtFor(tag).length;
    expect(whilePaused).toBeLessThan(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(caughtFor(tag).length).toBe(whilePaused);

    await controlCampaign(em(), control, workspaceId, actor, campaign.id, 'resume');
    await until('more sends after resuming', async () => caughtFor(tag).length > whilePaused);
    await controlCampaign(em(), control, workspaceId, actor, campaign.id, 'cancel');
    await until('the cancel', async () => {
      const status = (await getCampaign(em(), workspaceId, campaign.id)).status;
      return status === 'cancelled' || status === 'sent';
    });
    const settled = caughtFor(tag).length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(caughtFor(tag).length).toBe(settled);
    expect(new Set(caughtFor(tag).map((m) => m.to)).size).toBe(settled);
    expect(await failedRecipients(em(), workspaceId, campaign.id)).toEqual([]);
  }, 90_000);

  it('runs a recurring campaign: the scheduler sends a copy when its time comes and moves on to the next', async () => {
    const { listId, tag } = await audience('Weekly readers', 6);
    const parent = await createCampaign(em(), workspaceId, actor, {
      name: 'Weekly digest',
      channel: 'email',
      segmentId: listId,
      variants: [{ key: 'A', templateId }],
      recurrence: '0 9 * * 1',
    });
    const scheduled = await sendCampaign(em(), control, workspaceId, actor, parent.id);
    expect(scheduled.status).toBe('scheduled');
    expect(new Date(scheduled.scheduledAt!).getUTCDay()).toBe(1);
    // Pretend Monday 09:00 has come.
    await sql(em(), `update campaigns set scheduled_at = now() - interval '1 minute' where id = ?`, [
      parent.id,
    ]);
    const first = await startDueCampaigns(em(), control);
    expect(first.runs).toBe(1);
    const [run] = await sql<{ id: string; name: string }>(
      em(),
      'select id, name from campaigns where parent_id = ?',
      [parent.id],
    );
    expect(run!.name).toMatch(/^Weekly digest · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await until(
      'the run to be sent',
      async () => (await getCampaign(em(), workspaceId, run!.id)).status === 'sent',
    );
    expect(caughtFor(tag)).toHaveLength(6);
    const after = await getCampaign(em(), workspaceId, parent.id);
    expect(after.status).toBe('scheduled');
    expect(new Date(after.scheduledAt!).getTime()).toBeGreaterThan(Date.now());
    // The next minute's sweep neither repeats the run nor resends it.
    expect((await startDueCampaigns(em(), control)).runs).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(caughtFor(tag)).toHaveLength(6);
  }, 60_000);

  it('refuses a bad cron expression, naming the field', async () => {
    const { listId } = await audience('Cron readers', 1);
    await expect(
      createCampaign(em(), workspaceId, actor, {
        name: 'Bad cron',
        channel: 'email',
        segmentId: listId,
        variants: [{ key: 'A', templateId }],
        recurrence: '0 25 * * *',
      }),
    ).rejects.toMatchObject({ field: 'recurrence', message: expect.stringContaining('hour') });
  });

  it('refuses a campaign on an unpublished template, naming the field', async () => {
    const draftOnly = await createTemplate(em(), workspaceId, actor, {
      name: 'Unpublished',
      channel: 'email',
    });
    const { listId } = await audience('Nobody yet', 1);
    await expect(
      createCampaign(em(), workspaceId, actor, {
        name: 'Too early',
        channel: 'email',
        segmentId: listId,
        variants: [{ key: 'A', templateId: draftOnly.id }],
      }),
    ).rejects.toMatchObject({ field: 'variants.0.templateId', message: expect.stringContaining('Publish') });
  });
});
