import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

export const OVERVIEW_COUNTS = [
  'sent',
  'delivered',
  'bounced',
  'humanOpens',
  'machineOpens',
  'uniqueClicks',
  'clicks',
  'replied',
  'unsubscribed',
  'complained',
] as const;
export type OverviewCounts = Record<(typeof OVERVIEW_COUNTS)[number], number>;

export interface ChannelOverview {
  period: { from: string; to: string };
  /** The same number of days just before. */
  previous: { from: string; to: string };
  /** Per channel (and `all`): the period's counts and the previous period's. */
  channels: Record<string, { current: OverviewCounts; previous: OverviewCounts }>;
  /** Per day of the period: messages sent, first human opens and human clicks that day. */
  daily: { day: string; sent: number; opened: number; clicked: number }[];
  /**
   * Of the period's messages clicked by a person, how many were followed by the conversion (an event-kind
   * definition) within its lookback window after the click: the funnel's last step, a subset of the clicked ones.
   * Null when the conversion is not an event.
   */
  clickedThenConverted: number | null;
}

/** The conversion the funnel ends in: an event by name (and, for a segment entry, the segment's id). */
export interface FunnelConversion {
  eventName: string;
  segmentId: string | null;
  lookbackDays: number;
}

interface CountRow extends Record<string, string | number> {
  period: 'current' | 'previous';
  channel: string;
}

const zero = (): OverviewCounts => Object.fromEntries(OVERVIEW_COUNTS.map((k) => [k, 0])) as OverviewCounts;

/**
 * What the workspace's messages did in a period, per channel, beside the period before: messages sent in it and what
 * became of them (engagement counts whenever it came). Email has no delivery receipts from most receivers: an email
 * sent and not bounced counts as delivered, as every ESP counts it; SMS and WeChat report delivery themselves.
 */
export async function channelOverview(
  em: EntityManager,
  workspaceId: string,
  period: { from: Date; to: Date },
  conversion: FunnelConversion | null = null,
): Promise<ChannelOverview> {
  const length = period.to.getTime() - period.from.getTime();
  const previousFrom = new Date(period.from.getTime() - length);
  const rows = await sql<CountRow>(
    em,
    `with m as (
       select m.id, m.channel, m.status, m.delivered_at,
         case when m.sent_at >= ? then 'current' else 'previous' end as period
       from messages m
       where m.workspace_id = ? and m.sent_at >= ? and m.sent_at < ?
     ),
     e as (
       select e.message_id,
         bool_or(e.kind in ('opened', 'clicked') and not e.machine) as human_open,
         bool_or(e.kind = 'opened' and e.machine) as machine_open,
         count(*) filter (where e.kind = 'clicked' and not e.machine) as clicks,
         bool_or(e.kind = 'replied') as replied,
         bool_or(e.kind = 'unsubscribed') as unsubscribed,
         bool_or(e.kind = 'complained') as complained
       from message_events e where e.message_id in (select id from m)
       group by e.message_id
     )
     select m.period, m.channel,
       count(*)::int as sent,
       count(*) filter (where m.delivered_at is not null
         or m.status in ('delivered', 'opened', 'clicked', 'replied', 'unsubscribed', 'complained'))::int as delivered,
       count(*) filter (where m.status = 'bounced')::int as bounced,
       count(*) filter (where e.human_open)::int as "humanOpens",
       count(*) filter (where e.machine_open and not coalesce(e.human_open, false))::int as "machineOpens",
       count(*) filter (where e.clicks > 0)::int as "uniqueClicks",
       coalesce(sum(e.clicks), 0)::int as clicks,
       count(*) filter (where e.replied)::int as replied,
       count(*) filter (where e.unsubscribed)::int as unsubscribed,
       count(*) filter (where e.complained)::int as complained
     from m left join e on e.message_id = m.id
     group by 1, 2`,
    [period.from, workspaceId, previousFrom, period.to],
  );
  const channels: ChannelOverview['channels'] = {};
  const slot = (channel: string) => (channels[channel] ??= { current: zero(), previous: zero() });
  for (const row of rows) {
    const counts = slot(row.channel)[row.period];
    for (const key of OVERVIEW_COUNTS) counts[key] = Number(row[key] ?? 0);
    if (row.channel === 'email') counts.delivered = Math.max(counts.delivered, counts.sent - counts.bounced);
  }
  const all = slot('all');
  for (const [channel, both] of Object.entries(channels)) {
    if (channel === 'all') continue;
    for (const which of ['current', 'previous'] as const)
      for (const key of OVERVIEW_COUNTS) all[which][key] += both[which][key];
  }

  const daily = await sql<{ day: string; sent: number; opened: number; clicked: number }>(
    em,
    `with days as (
       select generate_series(?::timestamptz, ?::timestamptz - interval '1 day', interval '1 day') as day
     ),
     m as (select id, sent_at from messages where workspace_id = ? and sent_at >= ? and sent_at < ?),
     firsts as (
       select e.message_id, min(e.occurred_at) filter (where e.kind in ('opened', 'clicked') and not e.machine) as opened
       from message_events e where e.message_id in (select id from m) group by e.message_id
     ),
     clicks as (
       select e.occurred_at from message_events e
       where e.message_id in (select id from m) and e.kind = 'clicked' and not e.machine
     )
     select to_char(d.day at time zone 'UTC', 'YYYY-MM-DD') as day,
       (select count(*) from m where m.sent_at >= d.day and m.sent_at < d.day + interval '1 day')::int as sent,
       (select count(*) from firsts f where f.opened >= d.day and f.opened < d.day + interval '1 day')::int as opened,
       (select count(*) from clicks c where c.occurred_at >= d.day and c.occurred_at < d.day + interval '1 day')::int
         as clicked
     from days d order by d.day`,
    [period.from, period.to, workspaceId, period.from, period.to],
  );
  let clickedThenConverted: number | null = null;
  if (conversion) {
    const [row] = await sql<{ n: number }>(
      em,
      `with clicked as (
         select m.id, m.contact_id, min(e.occurred_at) as at
         from messages m join message_events e on e.message_id = m.id
         where m.workspace_id = ? and m.sent_at >= ? and m.sent_at < ? and m.contact_id is not null
           and e.kind = 'clicked' and not e.machine
         group by m.id, m.contact_id
       )
       select count(*)::int as n from clicked c
       where exists (
         select 1 from events ev
         where ev.contact_id = c.contact_id and ev.workspace_id = ? and ev.name = ?
           and ev.occurred_at >= c.at and ev.occurred_at < c.at + make_interval(days => ?)
           and (?::text is null or ev.properties ->> 'segmentId' = ?::text))`,
      [
        workspaceId,
        period.from,
        period.to,
        workspaceId,
        conversion.eventName,
        conversion.lookbackDays,
        conversion.segmentId,
        conversion.segmentId,
      ],
    );
    clickedThenConverted = row?.n ?? 0;
  }
  return {
    clickedThenConverted,
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    previous: { from: previousFrom.toISOString(), to: period.from.toISOString() },
    channels,
    daily,
  };
}
