import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, recordAudit, validationError, type Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { iso } from '@switchboard/messaging';
import { getSegment } from '@switchboard/segments';
import {
  campaignInputSchema,
  type CampaignInput,
  type CampaignSchedule,
  type StoredVariant,
} from '../definition/campaign-input.ts';
import type { CampaignControl } from '../campaign-control.ts';
import { loadCampaign, setCampaignStatus, type CampaignRow } from './campaign-row.ts';
import { CronError, nextCronTime } from '../scheduling/cron.ts';
import { nextRecurrence } from '../scheduling/recurrence.ts';

export function campaignView(row: CampaignRow) {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    status: row.status,
    segmentId: row.segment_id,
    topic: row.topic,
    variants: row.variants,
    schedule: row.schedule,
    abTest: row.ab_test,
    recurrence: row.recurrence,
    winner: row.winner,
    decision: row.decision,
    audienceSize: row.audience_size,
    error: row.error,
    createdAt: iso(row.created_at)!,
    scheduledAt: iso(row.scheduled_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}
export type CampaignView = ReturnType<typeof campaignView>;

function parseInput(input: unknown): CampaignInput {
  const parsed = campaignInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw validationError(issue.path.join('.') || 'campaign', issue.message);
  }
  if (parsed.data.recurrence)
    try {
      nextCronTime(parsed.data.recurrence, new Date());
    } catch (error) {
      if (error instanceof CronError) throw validationError('recurrence', error.message);
      throw error;
    }
  return parsed.data;
}

/** Pins each variant to its template's latest published version: the campaign sends exactly what was checked. */
async function pinVariants(
  em: EntityManager,
  workspaceId: string,
  input: CampaignInput,
): Promise<StoredVariant[]> {
  const pinned: StoredVariant[] = [];
  for (const [index, variant] of input.variants.entries()) {
    const [template] = await sql<{
      name: string;
      channel: string;
      version_id: string | null;
      version: number;
    }>(
      em,
      `select t.name, t.channel, v.id as version_id, t.latest_version as version from templates t
       left join template_versions v on v.template_id = t.id and v.version = t.latest_version
       where t.workspace_id = ? and t.id = ? and not t.archived`,
      [workspaceId, variant.templateId],
    );
    const field = `variants.${index}.templateId`;
    if (!template) throw validationError(field, 'That template does not exist');
    if (template.channel !== input.channel)
      throw validationError(
        field,
        `That is a ${template.channel} template; this campaign sends ${input.channel}`,
      );
    if (!template.version_id)
      throw validationError(field, `Publish "${template.name}" first: campaigns send a published version`);
    pinned.push({
      ...variant,
      templateVersionId: template.version_id,
      templateVersion: template.version,
      templateName: template.name,
    });
  }
  return pinned;
}

async function checkSegment(em: EntityManager, workspaceId: string, segmentId: string) {
  try {
    await getSegment(em, workspaceId, segmentId);
  } catch {
    throw validationError('segmentId', 'That segment does not exist');
  }
}

export async function createCampaign(em: EntityManager, workspaceId: string, actor: Actor, raw: unknown) {
  const input = parseInput(raw);
  await checkSegment(em, workspaceId, input.segmentId);
  const variants = await pinVariants(em, workspaceId, input);
  const id = randomUUID();
  await sql(
    em,
    `insert into campaigns (id, workspace_id, name, channel, status, segment_id, topic, variants, schedule, ab_test,
       recurrence, created_by_id, created_at, updated_at)
     values (?, ?, ?, ?, 'draft', ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, now(), now())`,
    [
      id,
      workspaceId,
      input.name,
      input.channel,
      input.segmentId,
      input.topic,
      JSON.stringify(variants),
      JSON.stringify(input.schedule),
      input.abTest ? JSON.stringify(input.abTest) : null,
      input.recurrence,
      actor.type === 'user' ? actor.id : null,
    ],
  );
  return audited(em, workspaceId, actor, 'campaign.created', id);
}

export async function updateCampaign(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  raw: unknown,
) {
  const existing = await getCampaign(em, workspaceId, id);
  if (existing.status !== 'draft')
    throw conflict('Only a draft can be edited; duplicate the campaign to change a sent or scheduled one');
  const input = parseInput(raw);
  await checkSegment(em, workspaceId, input.segmentId);
  const variants = await pinVariants(em, workspaceId, input);
  await sql(
    em,
    `update campaigns set name = ?, channel = ?, segment_id = ?, topic = ?, variants = ?::jsonb, schedule = ?::jsonb,
       ab_test = ?::jsonb, recurrence = ?, updated_at = now() where id = ? and status = 'draft'`,
    [
      input.name,
      input.channel,
      input.segmentId,
      input.topic,
      JSON.stringify(variants),
      JSON.stringify(input.schedule),
      input.abTest ? JSON.stringify(input.abTest) : null,
      input.recurrence,
      id,
    ],
  );
  return audited(em, workspaceId, actor, 'campaign.updated', id);
}

/** Writes the audit entry for a change to a campaign and returns the campaign as it is now. */
async function audited(em: EntityManager, workspaceId: string, actor: Actor, action: string, id: string) {
  recordAudit(em, { workspaceId, actor, action, target: { type: 'campaign', id } });
  await em.flush();
  return getCampaign(em, workspaceId, id);
}

export async function getCampaign(em: EntityManager, workspaceId: string, id: string) {
  const row = await loadCampaign(em, id, workspaceId);
  if (!row) throw notFound('Campaign');
  return campaignView(row);
}

export const listCampaignsInput = z.object({
  status: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** The campaign list with the key rates, counted from the ledger. */
export async function listCampaigns(
  em: EntityManager,
  workspaceId: string,
  limit = 100,
  /** The last campaign of the previous page (REST's cursor): newer ones are not shown again. */
  after?: string,
) {
  const rows = await sql<
    CampaignRow & { sent: string; delivered: string; opened: string; clicked: string; bounced: string }
  >(
    em,
    `select c.*, coalesce(s.sent, 0) as sent, coalesce(s.delivered, 0) as delivered, coalesce(s.opened, 0) as opened,
       coalesce(s.clicked, 0) as clicked, coalesce(s.bounced, 0) as bounced
     from campaigns c
     left join lateral (
       select count(*) filter (where m.sent_at is not null) as sent,
         count(*) filter (where m.status in ('delivered', 'opened', 'clicked', 'replied', 'unsubscribed', 'complained'))
           as delivered,
         count(*) filter (where m.status in ('opened', 'clicked', 'replied')) as opened,
         count(*) filter (where m.status = 'clicked') as clicked,
         count(*) filter (where m.status = 'bounced') as bounced
       from messages m where m.workspace_id = c.workspace_id and m.source_kind = 'campaign' and m.source_id = c.id::text
     ) s on true
     where c.workspace_id = ?
       ${after ? 'and (c.created_at, c.id) < (select created_at, id from campaigns where id = ?::uuid and workspace_id = ?)' : ''}
     order by c.created_at desc, c.id desc limit ?`,
    [workspaceId, ...(after ? [after, workspaceId] : []), limit],
  );
  return rows.map((row) => {
    const sent = Number(row.sent);
    const rate = (n: string) => (sent ? Number(n) / sent : null);
    return {
      ...campaignView(row),
      sent,
      deliveryRate: rate(row.delivered),
      openRate: rate(row.opened),
      clickRate: rate(row.clicked),
      bounceRate: rate(row.bounced),
    };
  });
}

/**
 * Send now, or schedule: the workflow waits until the time, then snapshots the audience and sends. `override`
 * replaces the draft's saved schedule in the same step (REST's "send now" and "schedule").
 */
export async function sendCampaign(
  em: EntityManager,
  control: CampaignControl,
  workspaceId: string,
  actor: Actor,
  id: string,
  override?: CampaignSchedule,
) {
  const campaign = await getCampaign(em, workspaceId, id);
  if (campaign.status !== 'draft') throw conflict(`The campaign is ${campaign.status}, not a draft`);
  const schedule = override ?? campaign.schedule;
  if (override && campaign.recurrence)
    throw conflict(
      'A recurring campaign sends on its cron; duplicate it without the recurrence to send it once',
    );
  // A recurring campaign is not sent itself: the scheduler sends a copy of it at every time its cron names.
  const startAt = campaign.recurrence
    ? await nextRecurrence(em, workspaceId, campaign.recurrence, new Date())
    : schedule.mode === 'at'
      ? new Date(schedule.at)
      : null;
  if (startAt && startAt.getTime() < Date.now() - 60_000)
    throw validationError('schedule.at', 'That time has passed; choose a time in the future or send now');
  const updated = await sql<{ id: string }>(
    em,
    `update campaigns set status = ?, scheduled_at = ?, schedule = ?::jsonb, updated_at = now()
     where id = ? and status = 'draft' returning id`,
    [startAt ? 'scheduled' : 'sending', startAt, JSON.stringify(schedule), id],
  );
  if (!updated[0]) throw conflict('The campaign was sent by someone else a moment ago');
  recordAudit(em, {
    workspaceId,
    actor,
    action: startAt ? 'campaign.scheduled' : 'campaign.sent',
    target: { type: 'campaign', id },
  });
  await em.flush();
  try {
    if (!campaign.recurrence) await control.start(id, startAt);
  } catch (error) {
    await setCampaignStatus(em, id, 'draft');
    throw error;
  }
  return getCampaign(em, workspaceId, id);
}

const ACTIVE = new Set(['scheduled', 'sending', 'testing', 'paused']);

export async function controlCampaign(
  em: EntityManager,
  control: CampaignControl,
  workspaceId: string,
  actor: Actor,
  id: string,
  action: 'pause' | 'resume' | 'cancel',
) {
  const campaign = await getCampaign(em, workspaceId, id);
  if (!ACTIVE.has(campaign.status))
    throw conflict(`The campaign is ${campaign.status}, so there is nothing to ${action}`);
  if (campaign.recurrence) {
    // A recurring campaign has no workflow of its own: cancelling stops future runs; runs are paused one by one.
    if (action !== 'cancel')
      throw conflict(
        `Pause or resume a run of "${campaign.name}"; the schedule itself can only be cancelled`,
      );
    await setCampaignStatus(em, id, 'cancelled');
    return audited(em, workspaceId, actor, 'campaign.cancel', id);
  }
  await control[action](id);
  if (action === 'pause' && campaign.status !== 'paused') await setCampaignStatus(em, id, 'paused');
  return audited(em, workspaceId, actor, `campaign.${action}`, id);
}

export async function chooseWinner(
  em: EntityManager,
  control: CampaignControl,
  workspaceId: string,
  actor: Actor,
  id: string,
  variant: string,
) {
  const campaign = await getCampaign(em, workspaceId, id);
  if (!campaign.abTest) throw validationError('variant', 'This campaign has no A/B test');
  if (!campaign.variants.some((v) => v.key === variant))
    throw validationError('variant', `No variant ${variant}`);
  if (campaign.winner) throw conflict(`The winner is already ${campaign.winner}`);
  await control.chooseWinner(id, variant);
  recordAudit(em, {
    workspaceId,
    actor,
    action: 'campaign.winner_chosen',
    target: { type: 'campaign', id },
    details: { variant },
  });
  await em.flush();
  return campaign;
}

/** A copy as a new draft (same segment, variants and settings), for resending or editing a sent campaign. */
export async function duplicateCampaign(em: EntityManager, workspaceId: string, actor: Actor, id: string) {
  const row = await loadCampaign(em, id, workspaceId);
  if (!row) throw notFound('Campaign');
  if (!row.segment_id) throw validationError('segmentId', 'The original campaign’s segment was deleted');
  return createCampaign(em, workspaceId, actor, {
    name: `${row.name} (copy)`.slice(0, 200),
    channel: row.channel,
    segmentId: row.segment_id,
    topic: row.topic,
    variants: row.variants.map(({ templateVersionId: _v, templateVersion: _n, templateName: _t, ...v }) => v),
    abTest: row.ab_test,
    schedule: row.schedule.mode === 'at' ? { mode: 'now' } : row.schedule,
    recurrence: row.recurrence,
  });
}
