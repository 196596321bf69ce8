import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent, sql } from '@switchboard/contacts';
import { createTemplate, publishTemplate, saveDraft, starterDocument } from '@switchboard/content';
import { DEFAULT_POLICY, saveMessagingPolicy, startDelivery } from '@switchboard/messaging';
import { createCampaign, sendCampaign } from './store/campaign-store.ts';
import { failedRecipients, retryFailed } from './report/campaign-report.ts';
import {
  fixtureActor as actor,
  startCampaignFixture,
  type CampaignFixture,
} from './testing/campaign-fixture.ts';

let f: CampaignFixture;
const em = () => f.em();

beforeAll(async () => {
  f = await startCampaignFixture();
}, 120_000);

afterAll(async () => {
  await f?.stop();
});

async function start(
  name: string,
  listId: string,
  templateId = f.templateId,
  batch?: { size: number; parallel: number },
) {
  const campaign = await createCampaign(em(), f.workspaceId, actor, {
    name,
    channel: 'email',
    segmentId: listId,
    variants: [{ key: 'A', templateId }],
  });
  if (!batch) {
    await sendCampaign(em(), f.control, f.workspaceId, actor, campaign.id);
    return campaign.id;
  }
  // Small batches so the test can act between them.
  await sql(em(), `update campaigns set status = 'sending' where id = ?`, [campaign.id]);
  await f.deps.temporal.client.workflow.start('campaignWorkflow', {
    workflowId: `campaign-${campaign.id}`,
    taskQueue: f.taskQueue,
    args: [{ version: 1, campaignId: campaign.id, batchSize: batch.size, parallelBatches: batch.parallel }],
  });
  return campaign.id;
}

const messageStatuses = async (campaignId: string) =>
  Object.fromEntries(
    (
      await sql<{ status: string; n: string }>(
        em(),
        `select status, count(*) as n from messages where source_kind = 'campaign' and source_id = ? group by status`,
        [campaignId],
      )
    ).map((r) => [r.status, Number(r.n)]),
  );

describe('campaign reliability (RELIABILITY.md)', () => {
  it('13: a frequency cap holds across two campaigns sent at the same time', async () => {
    await saveMessagingPolicy(em(), f.workspaceId, {
      ...DEFAULT_POLICY,
      frequencyCap: { count: 1, days: 7 },
    });
    try {
      const { listId, tag } = await f.audience('Capped readers', 40);
      const [first, second] = await Promise.all([
        start('Cap one', listId, f.templateId, { size: 5, parallel: 2 }),
        start('Cap two', listId, f.templateId, { size: 5, parallel: 2 }),
      ]);
      await f.until(
        'both campaigns',
        async () => (await f.statusOf(first)) === 'sent' && (await f.statusOf(second)) === 'sent',
      );
      const caught = f.caughtFor(tag);
      // Forty people, one marketing message each, whichever campaign reached them first.
      expect(caught).toHaveLength(40);
      expect(new Set(caught.map((m) => m.to)).size).toBe(40);
      const a = await messageStatuses(first);
      const b = await messageStatuses(second);
      expect((a.sent ?? 0) + (b.sent ?? 0)).toBe(40);
      expect((a.suppressed ?? 0) + (b.suppressed ?? 0)).toBe(40);
    } finally {
      await saveMessagingPolicy(em(), f.workspaceId, DEFAULT_POLICY);
    }
  }, 120_000);

  it('8: an unsubscribe during a campaign stops sends to that contact at once', async () => {
    const { listId, tag } = await f.audience('Unsubscribe mid-campaign', 120);
    const id = await start('Unsubscribe mid-campaign', listId, f.templateId, { size: 2, parallel: 1 });
    await f.until('the first sends', async () => f.caughtFor(tag).length >= 4);
    // Someone near the end of the audience unsubscribes while the campaign is going out.
    const [last] = await sql<{ contact_id: string; email: string }>(
      em(),
      `select r.contact_id, c.email from campaign_recipients r join contacts c on c.id = r.contact_id
       where r.campaign_id = ? order by r.ordinal desc limit 1`,
      [id],
    );
    await recordConsent(em(), f.workspaceId, last!.contact_id, {
      channel: 'email',
      status: 'opted_out',
      source: 'preference_center',
    });
    await f.until('the campaign to finish', async () => (await f.statusOf(id)) === 'sent', 90_000);
    const caught = f.caughtFor(tag);
    expect(caught.map((m) => m.to)).not.toContain(last!.email);
    expect(caught).toHaveLength(119);
    expect(await messageStatuses(id)).toMatchObject({ sent: 119, suppressed: 1 });
  }, 120_000);

  it('18: a template that explodes for one contact fails that message, not the worker or the campaign', async () => {
    // The preview contact renders fine, so the template publishes; one contact's data makes it explode.
    const { listId, tag } = await f.audience('Hostile data', 10, (i) => ({
      loops: i === 10 ? 100_000_000 : 2,
    }));
    const template = await createTemplate(em(), f.workspaceId, actor, { name: 'Loops', channel: 'email' });
    const document = starterDocument();
    document.sections[0]!.columns[0]!.blocks.push({
      id: 'loops',
      type: 'text',
      html: '<p>{% for a in (1..contact.loops) %}{% for b in (1..contact.loops) %}.{% endfor %}{% endfor %}</p>',
    });
    await saveDraft(em(), f.workspaceId, template.id, {
      draft: {
        subject: 'Loops',
        preheader: '',
        fromName: 'Acme',
        fromAddress: 'news@acme.example',
        replyTo: '',
        document,
      },
    });
    await publishTemplate(em(), f.workspaceId, actor, template.id);
    const started = Date.now();
    const id = await start('Hostile data', listId, template.id);
    await f.until('the campaign to finish', async () => (await f.statusOf(id)) === 'sent');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(f.caughtFor(tag)).toHaveLength(9);
    const [failed] = await sql<{ error: string; error_code: string }>(
      em(),
      `select error, error_code from messages where source_id = ? and status = 'failed'`,
      [id],
    );
    expect(failed).toMatchObject({ error_code: 'template' });
    expect(failed!.error).toMatch(/template/i);
    // The worker is still there: the next campaign goes out.
    const next = await f.audience('After the storm', 3);
    const after = await start('After the storm', next.listId);
    await f.until('the next campaign', async () => (await f.statusOf(after)) === 'sent');
    expect(f.caughtFor(next.tag)).toHaveLength(3);
  }, 120_000);

  it('retries, with one click, the failures a retry can help — and never one whose outcome is unknown', async () => {
    const { listId, tag } = await f.audience('Retry', 3);
    const id = await start('Retry', listId);
    await f.until('the campaign', async () => (await f.statusOf(id)) === 'sent');
    const messages = await sql<{ id: string }>(
      em(),
      `select id from messages where source_id = ? order by id`,
      [id],
    );
    // Pretend two were given up after days of a relay refusing them, and one was lost mid-handover.
    await sql(
      em(),
      `update messages set status = 'failed', error = 'Gave up after retrying: 451 try later', error_code = 'abandoned'
       where id = any(?::uuid[])`,
      [`{${messages[0]!.id},${messages[1]!.id}}`],
    );
    await sql(em(), `update messages set status = 'failed', error_code = 'outcome_unknown' where id = ?`, [
      messages[2]!.id,
    ]);
    const failures = await failedRecipients(em(), f.workspaceId, id);
    expect(failures.filter((x) => x.retryable)).toHaveLength(2);
    const { client, queues } = f.deps.temporal;
    const retried = await retryFailed(
      em(),
      { start: (message) => startDelivery(client, queues, message) },
      f.workspaceId,
      id,
    );
    expect(retried).toBe(2);
    await f.until('the retried messages', async () => f.caughtFor(tag).length === 5);
    const statuses = await sql<{ status: string }>(
      em(),
      `select status from messages where source_id = ? order by id`,
      [id],
    );
    expect(statuses.map((r) => r.status)).toEqual(['sent', 'sent', 'failed']);
  }, 60_000);
});
