import type { EntityManager } from '@switchboard/db';
import type { Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { createTemplate, publishTemplate, saveDraft, starterDocument } from '@switchboard/content';
import { snapshotAudience } from '../audience/snapshot-audience.ts';
import { createCampaign } from '../store/campaign-store.ts';
import { measureVariants } from '../report/variant-results.ts';
import { decideWinner } from '../definition/ab-decision.ts';
import { loadCampaign } from '../store/campaign-row.ts';
import { synthesiseCampaignHistory } from './campaign-history.ts';

const actor: Actor = { type: 'cli', id: null, label: 'demo seed' };
const DAY = 86_400_000;

function newsletterDocument() {
  const document = starterDocument();
  const intro = document.sections[0]!.columns[0]!.blocks;
  intro[0] = {
    id: 'demo-h1',
    type: 'text',
    fontSize: 24,
    html: '<h1>Hello {{ contact.first_name | default: "there" }}</h1>',
  };
  intro[1] = {
    id: 'demo-p1',
    type: 'text',
    html: '<p>This month: three new integrations, a faster dashboard, and <a href="https://example.com/stories">the customer stories</a> you asked for.</p>',
  };
  intro[2] = {
    id: 'demo-btn',
    type: 'button',
    text: 'Read the newsletter',
    href: 'https://example.com/newsletter/november',
    backgroundColor: '#4f46e5',
    color: '#ffffff',
  };
  return document;
}

async function template(
  em: EntityManager,
  workspaceId: string,
  name: string,
  channel: 'email' | 'sms' | 'wechat',
  draft: Record<string, unknown>,
) {
  const created = await createTemplate(em, workspaceId, actor, { name, channel });
  await saveDraft(em, workspaceId, created.id, { draft });
  await publishTemplate(em, workspaceId, actor, created.id);
  return created.id;
}

const segmentId = async (em: EntityManager, workspaceId: string, name: string) =>
  (
    await sql<{ id: string }>(em, 'select id from segments where workspace_id = ? and name = ?', [
      workspaceId,
      name,
    ])
  )[0]?.id;

/**
 * The demo's content, once: published templates on every channel, a newsletter A/B test sent ten days ago with its
 * results (generated deterministically, like the rest of the demo's history) and a sale scheduled for next week.
 */
export async function seedDemoCampaigns(
  em: EntityManager,
  workspaceId: string,
): Promise<{ templates: number; campaigns: number }> {
  const [existing] = await sql(em, 'select 1 from templates where workspace_id = ? limit 1', [workspaceId]);
  if (existing) return { templates: 0, campaigns: 0 };
  const email = {
    preheader: '',
    fromName: 'Switchboard Demo',
    fromAddress: 'hello@switchboard.local',
    replyTo: '',
  };
  const newsletter = await template(em, workspaceId, 'Monthly newsletter', 'email', {
    ...email,
    subject: 'What’s new in November',
    preheader: 'Three new integrations and a faster dashboard',
    document: newsletterDocument(),
  });
  const sale = await template(em, workspaceId, 'Winter sale', 'email', {
    ...email,
    subject: 'Winter sale: 20% off for {{ contact.first_name | default: "you" }}',
    document: starterDocument(),
  });
  await template(em, workspaceId, 'Flash sale SMS', 'sms', {
    body: 'Hi {{ contact.first_name | default: "there" }}, our winter sale starts today: 20% off with code WINTER20.',
  });
  await template(em, workspaceId, 'WeChat welcome', 'wechat', {
    text: '{{ contact.first_name }}，欢迎关注！回复“优惠”获取本周折扣。',
  });

  let campaigns = 0;
  const subscribers = await segmentId(em, workspaceId, 'Newsletter subscribers');
  if (subscribers) {
    const campaign = await createCampaign(em, workspaceId, actor, {
      name: 'November newsletter',
      channel: 'email',
      segmentId: subscribers,
      topic: 'newsletter',
      variants: [
        { key: 'A', templateId: newsletter, subject: 'What’s new in November' },
        {
          key: 'B',
          templateId: newsletter,
          subject: '{{ contact.first_name | default: "Hi" }}, three things we built for you',
        },
      ],
      abTest: { field: 'subject', testShare: 0.2, windowMinutes: 240, metric: 'opens' },
    });
    const sentAt = new Date(Date.now() - 10 * DAY);
    const row = (await loadCampaign(em, campaign.id))!;
    const snapshot = await snapshotAudience(em, {
      campaignId: campaign.id,
      workspaceId,
      segmentId: subscribers,
      channel: 'email',
      variants: row.variants,
      abTest: row.ab_test,
      schedule: row.schedule,
      start: sentAt,
    });
    await synthesiseCampaignHistory(em, row, sentAt, { B: 1.5 });
    const decision = decideWinner(await measureVariants(em, row), 'opens');
    await sql(
      em,
      `update campaigns set status = 'sent', winner = ?, decision = ?::jsonb, audience_size = ?, started_at = ?,
         finished_at = ?, created_at = ?, updated_at = now() where id = ?`,
      [
        decision.winner,
        JSON.stringify(decision),
        snapshot.total,
        sentAt,
        new Date(sentAt.getTime() + 4.2 * 3_600_000),
        sentAt,
        campaign.id,
      ],
    );
    campaigns++;
  }
  const engaged = await segmentId(em, workspaceId, 'Engaged this month');
  if (engaged) {
    const at = new Date(Date.now() + 7 * DAY);
    at.setUTCHours(9, 0, 0, 0);
    const campaign = await createCampaign(em, workspaceId, actor, {
      name: 'Winter sale',
      channel: 'email',
      segmentId: engaged,
      topic: '',
      variants: [{ key: 'A', templateId: sale }],
      schedule: { mode: 'at', at: at.toISOString() },
    });
    // The scheduler picks it up and starts its workflow, which waits until then.
    await sql(em, `update campaigns set status = 'scheduled', scheduled_at = ? where id = ?`, [
      at,
      campaign.id,
    ]);
    campaigns++;
  }
  return { templates: 4, campaigns };
}
