import type { EntityManager } from '@switchboard/db';
import { csvRow, sql } from '@switchboard/contacts';
import { conflict, notFound } from '@switchboard/accounts';
import { startDelivery, type DeliveryQueues } from '@switchboard/messaging';
import { loadCampaign } from '../store/campaign-row.ts';
import { measureVariants } from './variant-results.ts';
import { confidenceThatBeats } from '../definition/ab-decision.ts';
import { probabilityToBeat, sampleSizePerVariant, uplift } from '../definition/ab-statistics.ts';

const CAMPAIGN_MESSAGES = `m.workspace_id = ? and m.source_kind = 'campaign' and m.source_id = ?`;

/** Failures worth another try: not a bounce or a gate refusal (other statuses), not an unknown outcome, not a template that fails (it would again). */
const RETRYABLE = `m.status = 'failed' and coalesce(m.error_code, '') not in ('outcome_unknown', 'campaign_cancelled', 'template')`;

export interface CampaignReport {
  audience: number | null;
  counts: Record<
    | 'queued'
    /** Recipients whose message has its outcome (sent, bounced, failed, suppressed…): never more than the audience. */
    | 'processed'
    | 'sent'
    | 'delivered'
    | 'bounced'
    | 'failed'
    | 'suppressed'
    | 'deferred'
    | 'humanOpens'
    | 'machineOpens'
    | 'clicks'
    | 'replied'
    | 'unsubscribed'
    | 'complained',
    number
  >;
  rates: {
    delivery: number | null;
    open: number | null;
    click: number | null;
    bounce: number | null;
    unsubscribe: number | null;
  };
  links: { url: string; clicks: number; uniqueClicks: number }[];
  /** Hourly buckets since the first send. */
  timeline: { at: string; sent: number; opened: number; clicked: number }[];
  /** Each variant against the first (the control): relative uplift and the Bayesian probability to beat it. */
  variants: {
    key: string;
    sent: number;
    successes: number;
    rate: number;
    uplift: number | null;
    probabilityToBeatControl: number | null;
  }[];
  /** While the leader's lead may be chance: the recipients per variant a test needs to tell their rates apart. */
  sampleSizeHint: { perVariant: number; leader: string; runnerUp: string } | null;
}

export async function campaignReport(
  em: EntityManager,
  workspaceId: string,
  campaignId: string,
): Promise<CampaignReport> {
  const campaign = await loadCampaign(em, campaignId, workspaceId);
  if (!campaign) throw notFound('Campaign');
  const [counts] = await sql<Record<string, string>>(
    em,
    `select count(*) filter (where m.status = 'queued') as queued,
       count(*) filter (where m.status not in ('queued', 'deferred', 'sending')) as processed,
       count(*) filter (where m.sent_at is not null) as sent,
       count(*) filter (where m.delivered_at is not null or m.status in ('delivered', 'opened', 'clicked', 'replied'))
         as delivered,
       count(*) filter (where m.status = 'bounced') as bounced,
       count(*) filter (where m.status = 'failed') as failed,
       count(*) filter (where m.status = 'suppressed') as suppressed,
       count(*) filter (where m.status = 'deferred') as deferred
     from messages m where ${CAMPAIGN_MESSAGES}`,
    [workspaceId, campaignId],
  );
  const [engagement] = await sql<Record<string, string>>(
    em,
    `select count(distinct e.message_id) filter (where e.kind in ('opened', 'clicked') and not e.machine) as human_opens,
       count(distinct e.message_id) filter (where e.kind = 'opened' and e.machine) as machine_opens,
       count(distinct e.message_id) filter (where e.kind = 'clicked' and not e.machine) as clicks,
       count(distinct e.message_id) filter (where e.kind = 'replied') as replied,
       count(distinct e.message_id) filter (where e.kind = 'unsubscribed') as unsubscribed,
       count(distinct e.message_id) filter (where e.kind = 'complained') as complained
     from message_events e join messages m on m.id = e.message_id where ${CAMPAIGN_MESSAGES}`,
    [workspaceId, campaignId],
  );
  const links = await sql<{ url: string; clicks: string; unique_clicks: string }>(
    em,
    `select e.url, count(*) as clicks, count(distinct e.message_id) as unique_clicks
     from message_events e join messages m on m.id = e.message_id
     where ${CAMPAIGN_MESSAGES} and e.kind = 'clicked' and not e.machine and e.url is not null
     group by e.url order by count(*) desc limit 100`,
    [workspaceId, campaignId],
  );
  const timeline = await sql<{ at: string; sent: string; opened: string; clicked: string }>(
    em,
    `select date_trunc('hour', e.occurred_at) as at,
       count(*) filter (where e.kind = 'sent') as sent,
       count(*) filter (where e.kind = 'opened' and not e.machine) as opened,
       count(*) filter (where e.kind = 'clicked' and not e.machine) as clicked
     from message_events e join messages m on m.id = e.message_id
     where ${CAMPAIGN_MESSAGES} and e.kind in ('sent', 'opened', 'clicked')
     group by 1 order by 1 limit 1000`,
    [workspaceId, campaignId],
  );
  const n = (value: string | undefined) => Number(value ?? 0);
  const c = {
    queued: n(counts?.queued),
    processed: n(counts?.processed),
    sent: n(counts?.sent),
    delivered: n(counts?.delivered),
    bounced: n(counts?.bounced),
    failed: n(counts?.failed),
    suppressed: n(counts?.suppressed),
    deferred: n(counts?.deferred),
    humanOpens: n(engagement?.human_opens),
    machineOpens: n(engagement?.machine_opens),
    clicks: n(engagement?.clicks),
    replied: n(engagement?.replied),
    unsubscribed: n(engagement?.unsubscribed),
    complained: n(engagement?.complained),
  };
  // Email has no delivery receipts from most receivers: what was sent and did not bounce was delivered (as every ESP
  // counts it). SMS and WeChat report delivery themselves.
  if (campaign.channel === 'email') c.delivered = Math.max(c.delivered, c.sent - c.bounced);
  const rate = (x: number) => (c.sent ? x / c.sent : null);
  const variants = campaign.ab_test ? await measureVariants(em, campaign) : [];
  return {
    audience: campaign.audience_size,
    counts: c,
    rates: {
      delivery: rate(c.delivered),
      open: rate(c.humanOpens),
      click: rate(c.clicks),
      bounce: rate(c.bounced),
      unsubscribe: rate(c.unsubscribed),
    },
    links: links.map((l) => ({
      url: l.url,
      clicks: Number(l.clicks),
      uniqueClicks: Number(l.unique_clicks),
    })),
    timeline: timeline.map((t) => ({
      at: new Date(t.at).toISOString(),
      sent: Number(t.sent),
      opened: Number(t.opened),
      clicked: Number(t.clicked),
    })),
    variants: variants.map((v) => ({
      ...v,
      rate: v.sent ? v.successes / v.sent : 0,
      uplift: v === variants[0] ? null : uplift(v, variants[0]!),
      probabilityToBeatControl: v === variants[0] ? null : probabilityToBeat(v, variants[0]!),
    })),
    sampleSizeHint: sampleSizeHint(variants),
  };
}

/** How many recipients per variant would settle it, while the leader's lead is under 95 % confidence. */
function sampleSizeHint(variants: { key: string; sent: number; successes: number }[]) {
  const rate = (v: { sent: number; successes: number }) => (v.sent ? v.successes / v.sent : 0);
  const [leader, runnerUp] = [...variants].sort((a, b) => rate(b) - rate(a));
  if (!leader || !runnerUp || confidenceThatBeats(leader, runnerUp) >= 0.95) return null;
  const perVariant = sampleSizePerVariant(rate(runnerUp), rate(leader));
  return perVariant === null ? null : { perVariant, leader: leader.key, runnerUp: runnerUp.key };
}

// Codes Switchboard itself writes; the reason's text already says them in words.
const SWITCHBOARD_CODES = new Set(['outcome_unknown', 'campaign_cancelled', 'template']);

/** Recipients whose message failed or was held back, with the reason, and whether a retry could help. */
export async function failedRecipients(
  em: EntityManager,
  workspaceId: string,
  campaignId: string,
  options: {
    limit?: number;
    /** REST pages through them in message-id order from this cursor ('' for the first page). */
    after?: string;
  } = {},
) {
  const { limit = 200, after } = options;
  const rows = await sql<{
    message_id: string;
    contact_id: string;
    to_address: string | null;
    status: string;
    error: string | null;
    error_code: string | null;
    retryable: boolean;
  }>(
    em,
    // A bounce recorded before its code was kept on the message still has it on its event.
    `select m.id as message_id, m.contact_id, m.to_address, m.status,
       coalesce(m.error, b.detail ->> 'diagnostic',
         (select string_agg(r, '; ') from jsonb_array_elements_text(m.gate_decision -> 'reasons') r)) as error,
       coalesce(m.error_code, b.detail ->> 'status') as error_code, (${RETRYABLE}) as retryable
     from messages m
     left join lateral (
       select e.detail from message_events e where e.message_id = m.id and e.kind = 'bounced'
       order by e.occurred_at desc limit 1
     ) b on m.status = 'bounced'
     where ${CAMPAIGN_MESSAGES} and m.status in ('failed', 'bounced', 'suppressed')
       ${after ? 'and m.id > ?::uuid' : ''}
     order by ${after === undefined ? 'm.updated_at desc' : 'm.id'} limit ?`,
    [workspaceId, campaignId, ...(after ? [after] : []), limit],
  );
  return rows.map((r) => ({
    messageId: r.message_id,
    contactId: r.contact_id,
    address: r.to_address,
    status: r.status,
    /** The provider's or receiving server's code (a DSN status such as 5.1.1, a Twilio error number). */
    code: r.error_code && !SWITCHBOARD_CODES.has(r.error_code) ? r.error_code : null,
    /** What they said (the remote server's text), or why Switchboard held it back. */
    reason: r.error ?? r.status,
    retryable: r.retryable,
  }));
}

/**
 * Sends the retryable failures again (provider refusals that may pass now, templates fixed since): each goes back
 * to queued and through its own delivery workflow and the gate. Unknown outcomes are never retried — a duplicate is
 * worse than a gap.
 */
export async function retryFailed(
  em: EntityManager,
  temporal: { start: (message: { id: string; channel: 'email' | 'sms' | 'wechat' }) => Promise<void> },
  workspaceId: string,
  campaignId: string,
): Promise<number> {
  const campaign = await loadCampaign(em, campaignId, workspaceId);
  if (!campaign) throw notFound('Campaign');
  if (['scheduled', 'draft'].includes(campaign.status)) throw conflict('The campaign has not been sent yet');
  const retried = await sql<{ id: string; channel: 'email' | 'sms' | 'wechat' }>(
    em,
    `update messages m set status = 'queued', error = null, error_code = null, updated_at = now()
     where ${CAMPAIGN_MESSAGES} and ${RETRYABLE} returning m.id, m.channel`,
    [workspaceId, campaignId],
  );
  for (const message of retried) await temporal.start(message);
  return retried.length;
}

export const deliveryStarter = (client: Parameters<typeof startDelivery>[0], queues: DeliveryQueues) => ({
  start: (message: { id: string; channel: 'email' | 'sms' | 'wechat' }) =>
    startDelivery(client, queues, message),
});

const CSV_COLUMNS = [
  'message_id',
  'contact_id',
  'address',
  'variant',
  'due_at',
  'due_because',
  'status',
  'sent_at',
  'error',
] as const;
const TIMES: ReadonlySet<string> = new Set(['due_at', 'sent_at']);

/**
 * Per-recipient outcomes as CSV, streamed in pages so a million rows never sit in memory at once; with each recipient's
 * due time and why (their time zone, their usual hour, the audience's best hour) for local-time and optimised sends.
 */
export async function* campaignCsv(em: EntityManager, workspaceId: string, campaignId: string) {
  yield csvRow([...CSV_COLUMNS]);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await sql<Record<string, string | number | null> & { message_id: string }>(
      em,
      `select m.id as message_id, m.contact_id, m.to_address as address,
         coalesce(r.variant, (select winner from campaigns where id = ?::uuid)) as variant, r.send_at as due_at,
         r.send_at_reason as due_because, m.status, m.sent_at, m.error
       from messages m
       left join campaign_recipients r on r.campaign_id = ?::uuid and r.contact_id = m.contact_id
       where ${CAMPAIGN_MESSAGES} and m.id > ? order by m.id limit 5000`,
      [campaignId, campaignId, workspaceId, campaignId, after],
    );
    if (rows.length === 0) return;
    yield rows
      .map((row) =>
        csvRow(CSV_COLUMNS.map((c) => (TIMES.has(c) && row[c] ? new Date(row[c]).toISOString() : row[c]))),
      )
      .join('');
    after = rows.at(-1)!.message_id;
  }
}
