import type { EntityManager } from '@switchboard/db';
import { list, sql } from '@switchboard/contacts';
import { loadMessagingPolicy } from '@switchboard/messaging';
import { getSegment, savedSegmentFilter } from '@switchboard/segments';
import type { AbTest, CampaignSchedule, StoredVariant } from '../definition/campaign-input.ts';

export interface SnapshotInput {
  campaignId: string;
  workspaceId: string;
  segmentId: string;
  channel: 'email' | 'sms' | 'wechat';
  variants: StoredVariant[];
  abTest: AbTest | null;
  schedule: CampaignSchedule;
  /** When sending starts: local-time and optimised schedules are computed from here. */
  start: Date;
}

export interface Snapshot {
  total: number;
  /** Ordinals below this are the A/B test groups; the rest wait for the winner. */
  testGroupSize: number;
}

const ADDRESS_COLUMN = { email: 'email', sms: 'phone', wechat: 'wechat_id' } as const;
/** Engagement that says someone reads their mail at that hour (machine opens excluded). */
const ENGAGED = ['email_opened', 'email_clicked', 'sms_clicked', 'wechat_replied'];

/**
 * When each recipient's message is due, as SQL over `g` (contact c + variant): null = as soon as the batch runs.
 * Returns [expression, reason expression, params].
 */
function timing(input: SnapshotInput, defaultTimezone: string): [string, string, unknown[]] {
  const { schedule, abTest } = input;
  if (abTest?.field === 'sendTime') {
    const delays = Object.fromEntries(input.variants.map((v) => [v.key, v.delayHours ?? 0]));
    return [
      `case when g.variant is null then null else ?::timestamptz + make_interval(hours => (?::jsonb ->> g.variant)::int) end`,
      `case when g.variant is null then null else 'variant_delay' end`,
      [input.start, JSON.stringify(delays)],
    ];
  }
  if (schedule.mode === 'localTime')
    return [
      `greatest(?::timestamptz, (?::date + ?::time) at time zone coalesce(z.name, ?))`,
      `case when z.name is null then 'workspace_timezone' else 'contact_timezone' end`,
      [input.start, schedule.date, schedule.time, defaultTimezone],
    ];
  if (schedule.mode === 'optimised')
    return [
      `case when coalesce(b.hour, w.hour) is null then null else date_trunc('hour', ?::timestamptz)
         + make_interval(hours => ((coalesce(b.hour, w.hour) - extract(hour from ?::timestamptz at time zone 'UTC')::int + 24) % 24)) end`,
      `case when b.hour is not null then 'contact_hour' when w.hour is not null then 'workspace_hour' else 'no_history' end`,
      [input.start, input.start],
    ];
  return ['null::timestamptz', 'null::text', []];
}

/**
 * How many people a campaign on this segment and channel would reach if it started now: the snapshot's own rule
 * (members with an address on the channel), counted live, so the send confirmation states the real audience.
 */
export async function audienceSize(
  em: EntityManager,
  workspaceId: string,
  segmentId: string,
  channel: SnapshotInput['channel'],
): Promise<number> {
  await getSegment(em, workspaceId, segmentId);
  const filter = await savedSegmentFilter(em, workspaceId, segmentId);
  const [row] = await sql<{ n: string }>(
    em,
    `select count(*) as n from contacts c
     where c.workspace_id = ? and c.${ADDRESS_COLUMN[channel]} is not null and (${filter.where})`,
    [workspaceId, ...filter.params],
  );
  return Number(row?.n ?? 0);
}

/**
 * Freezes who gets the campaign: the segment's members with an address on the channel, shuffled deterministically
 * (md5 of campaign + contact), the first share split evenly between the variants, and each recipient's due time.
 * One statement; taking it twice is a no-op, so a retried activity never doubles the audience.
 */
export async function snapshotAudience(em: EntityManager, input: SnapshotInput): Promise<Snapshot> {
  return em.transactional(async (tx) => {
    await sql(tx, 'select pg_advisory_xact_lock(hashtext(?))', [`campaign-snapshot:${input.campaignId}`]);
    const existing = await countSnapshot(tx, input.campaignId, input.abTest !== null);
    if (existing.total > 0) return existing;

    const filter = await savedSegmentFilter(tx, input.workspaceId, input.segmentId);
    const policy = await loadMessagingPolicy(tx, input.workspaceId);
    const [sendAt, reason, timingParams] = timing(input, policy.defaultTimezone);
    const keys = input.variants.map((v) => v.key);
    const testShare = input.abTest ? input.abTest.testShare : 0;
    const optimised = input.schedule.mode === 'optimised' && input.abTest?.field !== 'sendTime';
    const localTime = input.schedule.mode === 'localTime' && input.abTest?.field !== 'sendTime';
    await sql(
      tx,
      `with audience as (
         select c.id, c.timezone, md5(? || c.id::text) as shuffle from contacts c
         where c.workspace_id = ? and c.${ADDRESS_COLUMN[input.channel]} is not null and (${filter.where})
       ),
       ranked as (
         select a.*, row_number() over (order by a.shuffle) - 1 as r, count(*) over () as total from audience a
       ),
       g as (
         select ranked.*, case
           when ? = 1 then (?::text[])[1]
           when r < floor(total * ?::float8) then (?::text[])[(r % ?) + 1]
           else null end as variant
         from ranked
       )
       ${
         optimised
           ? `, b as (
         select e.contact_id, mode() within group (order by extract(hour from e.occurred_at at time zone 'UTC')::int) as hour
         from events e where e.workspace_id = ? and e.name = any(${'?::text[]'}) and e.occurred_at > now() - interval '180 days'
           and coalesce(e.properties ->> 'machine', 'false') <> 'true' and e.contact_id in (select id from audience)
         group by e.contact_id
       ), w as (
         select mode() within group (order by extract(hour from e.occurred_at at time zone 'UTC')::int) as hour
         from events e where e.workspace_id = ? and e.name = any(${'?::text[]'}) and e.occurred_at > now() - interval '180 days'
           and coalesce(e.properties ->> 'machine', 'false') <> 'true'
       )`
           : ''
       }
       insert into campaign_recipients (campaign_id, ordinal, contact_id, variant, send_at, send_at_reason)
       select ?, row_number() over (order by (t.variant is null), t.send_at nulls first, t.shuffle) - 1, t.id,
         t.variant, t.send_at, t.reason
       from (
         select g.id, g.variant, g.shuffle, ${sendAt} as send_at, ${reason} as reason from g
         ${localTime ? 'left join pg_timezone_names z on z.name = g.timezone' : ''}
         ${optimised ? 'left join b on b.contact_id = g.id cross join w' : ''}
       ) t`,
      [
        input.campaignId,
        input.workspaceId,
        ...filter.params,
        keys.length,
        list(keys),
        testShare,
        list(keys),
        keys.length,
        ...(optimised ? [input.workspaceId, list(ENGAGED), input.workspaceId, list(ENGAGED)] : []),
        input.campaignId,
        ...timingParams,
      ],
    );
    return countSnapshot(tx, input.campaignId, input.abTest !== null);
  });
}

export async function countSnapshot(
  em: EntityManager,
  campaignId: string,
  abTest: boolean,
): Promise<Snapshot> {
  const [row] = await sql<{ total: string; test: string }>(
    em,
    `select count(*) as total, count(*) filter (where variant is not null and ?) as test
     from campaign_recipients where campaign_id = ?`,
    [abTest, campaignId],
  );
  return { total: Number(row?.total ?? 0), testGroupSize: Number(row?.test ?? 0) };
}
