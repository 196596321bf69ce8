import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { refreshWorkspaceRollups } from '../rollups/message-rollups.ts';
import { sourceLabels } from './source-labels.ts';

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
  /** Per campaign, journey or other source (`campaign:<id>`, `journey:<id>`, `api`…): the period's counts. */
  sources: Record<string, OverviewCounts>;
  /** Each source's name (see `sourceLabels`). */
  labels: Record<string, string>;
  granularity: Granularity;
  /**
   * Per day or week (from its first day, clipped to the period) of the messages sent then: how many, delivered,
   * opened and clicked by a person.
   */
  series: { day: string; sent: number; delivered: number; opened: number; clicked: number }[];
  /**
   * Of the period's messages clicked by a person, how many were followed by the conversion (an event-kind
   * definition) within its lookback window after the click: the funnel's last step, a subset of the clicked ones.
   * Null when the conversion is not an event.
   */
  clickedThenConverted: number | null;
}

export const GRANULARITIES = ['day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

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

/** The rollup sums under the overview's names. */
const SUMS = `sum(sent)::int as sent, sum(delivered)::int as delivered, sum(bounced)::int as bounced,
  sum(human_opened)::int as "humanOpens", sum(machine_opened)::int as "machineOpens",
  sum(clicked)::int as "uniqueClicks", sum(clicks)::int as clicks, sum(replied)::int as replied,
  sum(unsubscribed)::int as unsubscribed, sum(complained)::int as complained`;

const countsOf = (row: Record<string, string | number>): OverviewCounts =>
  Object.fromEntries(OVERVIEW_COUNTS.map((key) => [key, Number(row[key] ?? 0)])) as OverviewCounts;

/**
 * What the workspace's messages did in a period, per channel and per source, beside the period before: messages
 * sent in it and what became of them (engagement counts whenever it came), read from the hourly rollups after
 * rebuilding the hours written to since the last refresh — so the figures are the ledger's, to the moment.
 * Email has no delivery receipts from most receivers: an email sent and not bounced counts as delivered, as every
 * ESP counts it; SMS and WeChat report delivery themselves.
 */
export async function channelOverview(
  em: EntityManager,
  workspaceId: string,
  period: { from: Date; to: Date },
  conversion: FunnelConversion | null = null,
  granularity: Granularity = 'day',
): Promise<ChannelOverview> {
  await refreshWorkspaceRollups(em, workspaceId);
  const length = period.to.getTime() - period.from.getTime();
  const previousFrom = new Date(period.from.getTime() - length);
  const [rows, sourceRows, series] = await Promise.all([
    sql<CountRow>(
      em,
      `select case when hour >= ? then 'current' else 'previous' end as period, channel, ${SUMS}
       from message_rollups where workspace_id = ? and hour >= ? and hour < ?
       group by 1, 2`,
      [period.from, workspaceId, previousFrom, period.to],
    ),
    sql<Record<string, string | number> & { source: string }>(
      em,
      `select case when source_id = '' then source_kind else source_kind || ':' || source_id end as source, ${SUMS}
       from message_rollups where workspace_id = ? and hour >= ? and hour < ?
       group by 1`,
      [workspaceId, period.from, period.to],
    ),
    sql<ChannelOverview['series'][number]>(
      em,
      `with sums as (
         select date_trunc(?, hour, 'UTC') as starts, sum(sent) as sent, sum(delivered) as delivered,
           sum(human_opened) as opened, sum(clicked) as clicked
         from message_rollups where workspace_id = ? and hour >= ? and hour < ?
         group by 1
       )
       select to_char(greatest(b.starts, ?::timestamptz) at time zone 'UTC', 'YYYY-MM-DD') as day,
         coalesce(s.sent, 0)::int as sent, coalesce(s.delivered, 0)::int as delivered,
         coalesce(s.opened, 0)::int as opened, coalesce(s.clicked, 0)::int as clicked
       from generate_series(date_trunc(?, ?::timestamptz, 'UTC'), ?::timestamptz - interval '1 second',
         ('1 ' || ?)::interval) as b (starts)
       left join sums s on s.starts = b.starts
       order by b.starts`,
      [
        granularity,
        workspaceId,
        period.from,
        period.to,
        period.from,
        granularity,
        period.from,
        period.to,
        granularity,
      ],
    ),
  ]);
  const channels: ChannelOverview['channels'] = {};
  const slot = (channel: string) => (channels[channel] ??= { current: zero(), previous: zero() });
  for (const row of rows) slot(row.channel)[row.period] = countsOf(row);
  const all = slot('all');
  for (const [channel, both] of Object.entries(channels)) {
    if (channel === 'all') continue;
    for (const which of ['current', 'previous'] as const)
      for (const key of OVERVIEW_COUNTS) all[which][key] += both[which][key];
  }
  const sources = Object.fromEntries(sourceRows.map((row) => [row.source, countsOf(row)]));
  const labels = await sourceLabels(em, workspaceId, Object.keys(sources));

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
    sources,
    labels,
    granularity,
    series,
  };
}
