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
  /** The zone the days are in (the workspace's default time zone). */
  timeZone: string;
  /**
   * Per day or week (from its first day, clipped to the period) of the messages sent then: how many, delivered,
   * opened and clicked by a person.
   */
  series: { day: string; sent: number; delivered: number; opened: number; clicked: number }[];
}

export const GRANULARITIES = ['day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

interface CountRow extends Record<string, string | number | boolean> {
  current: boolean;
  channel: string;
  source_kind: string;
  source_id: string;
}

/** `campaign:<id>`, `journey:<id>`, or the kind alone for sends without an id (`api`, `reply`…). */
const sourceKey = (kind: string, id: string) => (id === '' ? kind : `${kind}:${id}`);

export const zeroCounts = (): OverviewCounts =>
  Object.fromEntries(OVERVIEW_COUNTS.map((k) => [k, 0])) as OverviewCounts;

/** The rollup sums under the overview's names. */
export const ROLLUP_SUMS = `sum(sent)::int as sent, sum(delivered)::int as delivered, sum(bounced)::int as bounced,
  sum(human_opened)::int as "humanOpens", sum(machine_opened)::int as "machineOpens",
  sum(clicked)::int as "uniqueClicks", sum(clicks)::int as clicks, sum(replied)::int as replied,
  sum(unsubscribed)::int as unsubscribed, sum(complained)::int as complained`;

/**
 * Per day or week of a period in a time zone, the rollups' sums as a gap-free series: the caller's `sums` query
 * groups by `date_trunc(granularity, hour at time zone zone)` (its first parameters); a bucket is labelled by its
 * first day, clipped to the period. Local timestamps make a day of 23 or 25 hours one bucket when clocks change.
 * Rollup hours are UTC hours: in a zone with a half-hour offset an hour counts on the day it starts.
 */
export const SERIES_BY_LOCAL_DAY = (where: string) => `
  with sums as (
    select date_trunc(?, hour at time zone ?) as starts, sum(sent) as sent, sum(delivered) as delivered,
      sum(human_opened) as opened, sum(clicked) as clicked
    from message_rollups where ${where}
    group by 1
  )
  select to_char(greatest(b.starts, ?::timestamptz at time zone ?), 'YYYY-MM-DD') as day,
    coalesce(s.sent, 0)::int as sent, coalesce(s.delivered, 0)::int as delivered,
    coalesce(s.opened, 0)::int as opened, coalesce(s.clicked, 0)::int as clicked
  from generate_series(date_trunc(?, ?::timestamptz at time zone ?),
    (?::timestamptz at time zone ?) - interval '1 second', ('1 ' || ?)::interval) as b (starts)
  left join sums s on s.starts = b.starts
  order by b.starts`;

/** The parameters of `SERIES_BY_LOCAL_DAY` after the `sums` query's own. */
export const seriesParams = (
  period: { from: Date; to: Date },
  granularity: Granularity,
  timeZone: string,
) => [period.from, timeZone, granularity, period.from, timeZone, period.to, timeZone, granularity];

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
  granularity: Granularity = 'day',
  timeZone = 'UTC',
): Promise<ChannelOverview> {
  await refreshWorkspaceRollups(em, workspaceId);
  const length = period.to.getTime() - period.from.getTime();
  const previousFrom = new Date(period.from.getTime() - length);
  // One pass over both periods, per channel and source; the channels' and the sources' totals are sums of these.
  const [rows, series] = await Promise.all([
    sql<CountRow & { source: string }>(
      em,
      `select hour >= ? as current, channel, source_kind, source_id, ${ROLLUP_SUMS}
       from message_rollups where workspace_id = ? and hour >= ? and hour < ?
       group by 1, 2, 3, 4`,
      [period.from, workspaceId, previousFrom, period.to],
    ),
    sql<ChannelOverview['series'][number]>(
      em,
      SERIES_BY_LOCAL_DAY('workspace_id = ? and hour >= ? and hour < ?'),
      [
        granularity,
        timeZone,
        workspaceId,
        period.from,
        period.to,
        ...seriesParams(period, granularity, timeZone),
      ],
    ),
  ]);
  const channels: ChannelOverview['channels'] = {};
  const sources: ChannelOverview['sources'] = {};
  const add = (into: OverviewCounts, row: CountRow) => {
    for (const key of OVERVIEW_COUNTS) into[key] += Number(row[key] ?? 0);
  };
  for (const row of rows) {
    const which = row.current ? 'current' : 'previous';
    add((channels[row.channel] ??= { current: zeroCounts(), previous: zeroCounts() })[which], row);
    add((channels.all ??= { current: zeroCounts(), previous: zeroCounts() })[which], row);
    if (row.current) add((sources[sourceKey(row.source_kind, row.source_id)] ??= zeroCounts()), row);
  }
  const labels = await sourceLabels(em, workspaceId, Object.keys(sources));

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    previous: { from: previousFrom.toISOString(), to: period.from.toISOString() },
    channels,
    sources,
    labels,
    granularity,
    timeZone,
    series,
  };
}
