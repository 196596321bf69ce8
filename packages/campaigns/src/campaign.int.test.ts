import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import { createTemplate } from '@switchboard/content';
import { loadMessagingPolicy, messageToken, recordOpen, saveMessagingPolicy } from '@switchboard/messaging';
import { createCampaignActivities } from './activities/campaign-activities.ts';
import { campaignCsv, campaignReport, failedRecipients } from './report/campaign-report.ts';
import {
  chooseWinner,
  controlCampaign,
  createCampaign,
  getCampaign,
  sendCampaign,
} from './store/campaign-store.ts';
import { startDueCampaigns } from './scheduling/start-due-campaigns.ts';
import {
  fixtureActor as actor,
  startCampaignFixture,
  type CampaignFixture,
} from './testing/campaign-fixture.ts';

let f: CampaignFixture;
// The gate's quiet hours follow the clock; tests run at any hour, so the gate sees a fixed weekday afternoon.
const started = Date.now();
const afternoon = () => new Date(Date.parse('2026-11-25T14:00:00Z') + (Date.now() - started));
const em = () => f.em();

beforeAll(async () => {
  f = await startCampaignFixture({ now: afternoon });
}, 120_000);

afterAll(async () => {
  await f?.stop();
});

describe('campaigns on Temporal', () => {
  it('sends an A/B test on subject, then the chosen winner to the rest: one message per recipient', async () => {
    const { listId, tag } = await f.audience('A/B readers', 40);
    const campaign = await createCampaign(em(), f.workspaceId, actor, {
      name: 'Winter A/B',
      channel: 'email',
      segmentId: listId,
      variants: [
        { key: 'A', templateId: f.templateId, subject: 'Winter sale: 20% off' },
        { key: 'B', templateId: f.templateId, subject: '{{ contact.first_name }}, your winter discount' },
      ],
      abTest: { field: 'subject', testShare: 0.5, windowMinutes: 240, metric: 'opens' },
    });
    await sendCampaign(em(), f.control, f.workspaceId, actor, campaign.id);

    // The test groups (half of 40, split evenly) go out, then the campaign waits for its four-hour window.
    await f.until('the test groups', async () => f.caughtFor(tag).length === 20);
    const testSubjects = f.caughtFor(tag).map((m) => m.subject);
    expect(testSubjects.filter((s) => s === 'Winter sale: 20% off')).toHaveLength(10);
    expect(testSubjects.filter((s) => s.endsWith(', your winter discount'))).toHaveLength(10);
    expect((await getCampaign(em(), f.workspaceId, campaign.id)).status).toBe('testing');

    // The marketer does not wait: B goes to the rest by hand.
    await chooseWinner(em(), f.control, f.workspaceId, actor, campaign.id, 'B');
    await f.until(
      'the campaign to finish',
      async () => (await getCampaign(em(), f.workspaceId, campaign.id)).status === 'sent',
    );
    const caught = f.caughtFor(tag);
    expect(caught).toHaveLength(40);
    expect(new Set(caught.map((m) => m.to)).size).toBe(40);
    expect(caught.filter((m) => m.subject.endsWith(', your winter discount'))).toHaveLength(30);
    const finished = await getCampaign(em(), f.workspaceId, campaign.id);
    expect(finished).toMatchObject({ winner: 'B', audienceSize: 40 });
    expect(finished.decision).toMatchObject({ decidedBy: 'manual', winner: 'B' });

    // Three bounce later: they were sent, and each recipient still counts once as processed.
    await sql(
      em(),
      `update messages set status = 'bounced' where id in (
         select id from messages where source_kind = 'campaign' and source_id = ? order by id limit 3)`,
      [campaign.id],
    );
    const report = await campaignReport(em(), f.workspaceId, campaign.id);
    expect(report.counts).toMatchObject({ sent: 40, bounced: 3, processed: 40, failed: 0, suppressed: 0 });
    expect(report.variants.map((v) => [v.key, v.sent])).toEqual([
      ['A', 10],
      ['B', 10],
    ]);
    let csv = '';
    for await (const chunk of campaignCsv(em(), f.workspaceId, campaign.id)) csv += chunk;
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(40);
    expect(rows.filter((row) => row.split(',')[3] === 'B')).toHaveLength(30);
    // No contact data in the workflow's history: only ids and counters.
    const history = await f.deps.temporal.client.workflow.getHandle(`campaign-${campaign.id}`).fetchHistory();
    const serialised = JSON.stringify(history);
    expect(serialised).not.toContain('@example.org');
    expect(serialised).not.toContain('Reader');
  }, 120_000);

  it('decides the winner from human opens when the window closes', async () => {
    const { listId } = await f.audience('Open test readers', 20);
    const campaign = await createCampaign(em(), f.workspaceId, actor, {
      name: 'Opens decide',
      channel: 'email',
      segmentId: listId,
      variants: [
        { key: 'A', templateId: f.templateId, subject: 'Plain subject' },
        { key: 'B', templateId: f.templateId, subject: 'Curious subject' },
      ],
      abTest: { field: 'subject', testShare: 0.5, windowMinutes: 60, metric: 'opens' },
    });
    const activities = createCampaignActivities(f.deps);
    const prepared = await activities.prepareCampaign(campaign.id);
    expect(prepared).toMatchObject({ total: 20, testGroupSize: 10 });
    const batch = await activities.sendCampaignBatch({
      campaignId: campaign.id,
      from: 0,
      to: prepared.testGroupSize,
    });
    expect(batch).toMatchObject({ processedTo: 10, sent: 10, waitUntil: null });
    // Sending the same range again (a retried activity) sends nothing more.
    const countBefore = f.peers.smtp.count();
    expect(await activities.sendCampaignBatch({ campaignId: campaign.id, from: 0, to: 10 })).toMatchObject({
      sent: 0,
    });
    expect(f.peers.smtp.count()).toBe(countBefore);

    const messages = await sql<{ id: string; subject: string }>(
      em(),
      `select id, subject from messages where source_kind = 'campaign' and source_id = ?`,
      [campaign.id],
    );
    const secret = f.deps.email.trackingSecret;
    const later = new Date(afternoon().getTime() + 10 * 60_000);
    const hit = { method: 'GET', ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (iPhone)', at: later };
    for (const message of messages.filter((m) => m.subject === 'Curious subject').slice(0, 3))
      await recordOpen(em(), secret, messageToken(secret, 'open', message.id), hit);
    const plain = messages.find((m) => m.subject === 'Plain subject')!;
    // A machine open (a link scanner's HEAD request) does not count.
    await recordOpen(em(), secret, messageToken(secret, 'open', plain.id), { ...hit, method: 'HEAD' });

    expect(await activities.decideCampaignWinner({ campaignId: campaign.id, manualWinner: null })).toBe('B');
    const decided = await getCampaign(em(), f.workspaceId, campaign.id);
    expect(decided.decision).toMatchObject({ winner: 'B', decidedBy: 'automatic', metric: 'opens' });
    expect(decided.decision?.variants.map((v) => [v.key, v.successes])).toEqual([
      ['A', 0],
      ['B', 3],
    ]);
  }, 60_000);

  it('pauses between batches, resumes, and cancels with nothing more sent', async () => {
    const { listId, tag } = await f.audience('Pause readers', 200);
    const campaign = await createCampaign(em(), f.workspaceId, actor, {
      name: 'Pausable',
      channel: 'email',
      segmentId: listId,
      variants: [{ key: 'A', templateId: f.templateId }],
    });
    await sql(em(), `update campaigns set status = 'sending' where id = ?`, [campaign.id]);
    await f.deps.temporal.client.workflow.start('campaignWorkflow', {
      workflowId: `campaign-${campaign.id}`,
      taskQueue: f.taskQueue,
      args: [{ version: 1, campaignId: campaign.id, batchSize: 2, parallelBatches: 1 }],
    });
    await controlCampaign(em(), f.control, f.workspaceId, actor, campaign.id, 'pause');
    await f.until(
      'the pause to take effect',
      async () => (await getCampaign(em(), f.workspaceId, campaign.id)).status === 'paused',
    );
    const whilePaused = f.caughtFor(tag).length;
    expect(whilePaused).toBeLessThan(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(f.caughtFor(tag).length).toBe(whilePaused);

    await controlCampaign(em(), f.control, f.workspaceId, actor, campaign.id, 'resume');
    await f.until('more sends after resuming', async () => f.caughtFor(tag).length > whilePaused);
    await controlCampaign(em(), f.control, f.workspaceId, actor, campaign.id, 'cancel');
    await f.until('the cancel', async () => {
      const status = (await getCampaign(em(), f.workspaceId, campaign.id)).status;
      return status === 'cancelled' || status === 'sent';
    });
    const settled = f.caughtFor(tag).length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(f.caughtFor(tag).length).toBe(settled);
    expect(new Set(f.caughtFor(tag).map((m) => m.to)).size).toBe(settled);
    expect(await failedRecipients(em(), f.workspaceId, campaign.id)).toEqual([]);
  }, 90_000);

  it('runs a recurring campaign: the scheduler sends a copy when its time comes and moves on to the next', async () => {
    const { listId, tag } = await f.audience('Weekly readers', 6);
    const parent = await createCampaign(em(), f.workspaceId, actor, {
      name: 'Weekly digest',
      channel: 'email',
      segmentId: listId,
      variants: [{ key: 'A', templateId: f.templateId }],
      recurrence: '0 9 * * 1',
    });
    // The recurrence runs in the workspace's time zone: Mondays 09:00 in Shanghai are Mondays 01:00 UTC.
    await saveMessagingPolicy(em(), f.workspaceId, {
      ...(await loadMessagingPolicy(em(), f.workspaceId)),
      defaultTimezone: 'Asia/Shanghai',
    });
    const scheduled = await sendCampaign(em(), f.control, f.workspaceId, actor, parent.id);
    expect(scheduled.status).toBe('scheduled');
    const firstRun = new Date(scheduled.scheduledAt!);
    expect([firstRun.getUTCDay(), firstRun.getUTCHours(), firstRun.getUTCMinutes()]).toEqual([1, 1, 0]);
    // Pretend Monday 09:00 has come.
    await sql(em(), `update campaigns set scheduled_at = now() - interval '1 minute' where id = ?`, [
      parent.id,
    ]);
    const first = await startDueCampaigns(em(), f.control);
    expect(first.runs).toBe(1);
    const [run] = await sql<{ id: string; name: string }>(
      em(),
      'select id, name from campaigns where parent_id = ?',
      [parent.id],
    );
    expect(run!.name).toMatch(/^Weekly digest · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await f.until(
      'the run to be sent',
      async () => (await getCampaign(em(), f.workspaceId, run!.id)).status === 'sent',
    );
    expect(f.caughtFor(tag)).toHaveLength(6);
    const after = await getCampaign(em(), f.workspaceId, parent.id);
    expect(after.status).toBe('scheduled');
    expect(new Date(after.scheduledAt!).getTime()).toBeGreaterThan(Date.now());
    // The next minute's sweep neither repeats the run nor resends it.
    expect((await startDueCampaigns(em(), f.control)).runs).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(f.caughtFor(tag)).toHaveLength(6);
    // Cancelling the schedule stops future runs.
    await controlCampaign(em(), f.control, f.workspaceId, actor, parent.id, 'cancel');
    await sql(em(), `update campaigns set scheduled_at = now() - interval '1 minute' where id = ?`, [
      parent.id,
    ]);
    expect((await startDueCampaigns(em(), f.control)).runs).toBe(0);
    expect((await getCampaign(em(), f.workspaceId, parent.id)).status).toBe('cancelled');
  }, 60_000);

  it('fails a campaign whose segment was deleted before it started, saying why', async () => {
    const { listId } = await f.audience('Soon deleted', 2);
    const campaign = await createCampaign(em(), f.workspaceId, actor, {
      name: 'Orphan',
      channel: 'email',
      segmentId: listId,
      variants: [{ key: 'A', templateId: f.templateId }],
    });
    await sql(em(), 'delete from segments where id = ?', [listId]);
    await sendCampaign(em(), f.control, f.workspaceId, actor, campaign.id);
    await f.until('the campaign to fail', async () => (await f.statusOf(campaign.id)) === 'failed');
    expect((await getCampaign(em(), f.workspaceId, campaign.id)).error).toContain('segment was deleted');
  }, 60_000);

  it('refuses a bad cron expression, naming the field', async () => {
    const { listId } = await f.audience('Cron readers', 1);
    await expect(
      createCampaign(em(), f.workspaceId, actor, {
        name: 'Bad cron',
        channel: 'email',
        segmentId: listId,
        variants: [{ key: 'A', templateId: f.templateId }],
        recurrence: '0 25 * * *',
      }),
    ).rejects.toMatchObject({ field: 'recurrence', message: expect.stringContaining('hour') });
  });

  it('refuses a campaign on an unpublished template, naming the field', async () => {
    const draftOnly = await createTemplate(em(), f.workspaceId, actor, {
      name: 'Unpublished',
      channel: 'email',
    });
    const { listId } = await f.audience('Nobody yet', 1);
    await expect(
      createCampaign(em(), f.workspaceId, actor, {
        name: 'Too early',
        channel: 'email',
        segmentId: listId,
        variants: [{ key: 'A', templateId: draftOnly.id }],
      }),
    ).rejects.toMatchObject({ field: 'variants.0.templateId', message: expect.stringContaining('Publish') });
  });
});
